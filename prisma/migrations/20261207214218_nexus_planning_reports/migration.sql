-- AlterTable
ALTER TABLE "NexusInstance" ADD COLUMN     "executorTask" JSONB,
ADD COLUMN     "plannerTask" JSONB;

-- CreateTable
CREATE TABLE "NexusPlanningReport" (
    "id" BIGSERIAL NOT NULL,
    "rackId" UUID NOT NULL,
    "parentBlueprintId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "blueprintId" UUID,
    "outcome" TEXT NOT NULL,
    "plannerError" TEXT,
    "report" JSONB NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "plannedAt" TIMESTAMPTZ(3),
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NexusPlanningReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NexusPlanningReport_rackId_lastSeenAt_idx" ON "NexusPlanningReport"("rackId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "NexusPlanningReport_blueprintId_idx" ON "NexusPlanningReport"("blueprintId");

-- CreateIndex
CREATE UNIQUE INDEX "NexusPlanningReport_rackId_parentBlueprintId_contentHash_key" ON "NexusPlanningReport"("rackId", "parentBlueprintId", "contentHash");
