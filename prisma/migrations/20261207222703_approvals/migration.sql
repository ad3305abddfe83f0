-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "requiredApprovals" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ExecutionApproval" (
    "executionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "userName" TEXT NOT NULL,
    "planHash" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExecutionApproval_pkey" PRIMARY KEY ("executionId","userId")
);

-- AddForeignKey
ALTER TABLE "ExecutionApproval" ADD CONSTRAINT "ExecutionApproval_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
