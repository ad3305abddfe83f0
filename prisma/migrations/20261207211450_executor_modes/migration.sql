-- CreateEnum
CREATE TYPE "ExecutionMode" AS ENUM ('nexus', 'direct');

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "mode" "ExecutionMode";

-- AlterTable
ALTER TABLE "NexusLink" ADD COLUMN     "executorDisabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "executorDisabledBlueprintId" UUID,
ADD COLUMN     "executorDisabledByExecutionId" UUID,
ADD COLUMN     "reenableComment" TEXT,
ADD COLUMN     "reenableRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reenableRequestedById" UUID;
