-- AlterEnum
ALTER TYPE "BlueprintSource" ADD VALUE 'nexus';

-- CreateTable
CREATE TABLE "NexusLink" (
    "rackId" UUID NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "plannerEnabled" BOOLEAN,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NexusLink_pkey" PRIMARY KEY ("rackId")
);

-- CreateTable
CREATE TABLE "NexusInstance" (
    "rackId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "reachable" BOOLEAN NOT NULL DEFAULT false,
    "lastPolledAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "era" TEXT,
    "targetBlueprintId" UUID,
    "targetEnabled" BOOLEAN,
    "targetTimeMadeTarget" TIMESTAMPTZ(3),
    "plannerEnabled" BOOLEAN,
    "updateStatus" JSONB,

    CONSTRAINT "NexusInstance_pkey" PRIMARY KEY ("rackId","url")
);

-- CreateTable
CREATE TABLE "NexusTargetChange" (
    "id" BIGSERIAL NOT NULL,
    "rackId" UUID NOT NULL,
    "blueprintId" UUID NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "timeMadeTarget" TIMESTAMPTZ(3) NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NexusTargetChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NexusRawBlueprint" (
    "id" UUID NOT NULL,
    "rackId" UUID NOT NULL,
    "parentId" UUID,
    "raw" JSONB NOT NULL,
    "issues" JSONB NOT NULL,
    "era" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "timeCreated" TIMESTAMPTZ(3),
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NexusRawBlueprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrunedBlueprint" (
    "blueprintId" UUID NOT NULL,
    "rackId" UUID NOT NULL,
    "prunedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrunedBlueprint_pkey" PRIMARY KEY ("blueprintId")
);

-- CreateIndex
CREATE INDEX "NexusTargetChange_rackId_id_idx" ON "NexusTargetChange"("rackId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "NexusTargetChange_rackId_blueprintId_enabled_timeMadeTarget_key" ON "NexusTargetChange"("rackId", "blueprintId", "enabled", "timeMadeTarget");

-- CreateIndex
CREATE INDEX "NexusRawBlueprint_rackId_idx" ON "NexusRawBlueprint"("rackId");

-- CreateIndex
CREATE INDEX "PrunedBlueprint_rackId_idx" ON "PrunedBlueprint"("rackId");

-- AddForeignKey
ALTER TABLE "NexusLink" ADD CONSTRAINT "NexusLink_rackId_fkey" FOREIGN KEY ("rackId") REFERENCES "Rack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NexusInstance" ADD CONSTRAINT "NexusInstance_rackId_fkey" FOREIGN KEY ("rackId") REFERENCES "Rack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

