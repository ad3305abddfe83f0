-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'admin';

-- CreateTable
CREATE TABLE "RackPolicy" (
    "rackId" UUID NOT NULL,
    "levels" JSONB NOT NULL DEFAULT '{}',
    "maxSledsChanged" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "RackPolicy_pkey" PRIMARY KEY ("rackId")
);

-- CreateTable
CREATE TABLE "ExecutionPolicy" (
    "executionId" UUID NOT NULL,
    "results" JSONB NOT NULL,
    "overrides" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "ExecutionPolicy_pkey" PRIMARY KEY ("executionId")
);

-- AddForeignKey
ALTER TABLE "RackPolicy" ADD CONSTRAINT "RackPolicy_rackId_fkey" FOREIGN KEY ("rackId") REFERENCES "Rack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionPolicy" ADD CONSTRAINT "ExecutionPolicy_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
