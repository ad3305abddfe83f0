-- CreateEnum
CREATE TYPE "SledAgentProfile" AS ENUM ('split', 'reconciler');

-- CreateEnum
CREATE TYPE "ExecutionState" AS ENUM ('awaiting_approval', 'approved', 'running', 'succeeded', 'failed', 'cancelled', 'rejected', 'stale');

-- CreateEnum
CREATE TYPE "StepState" AS ENUM ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled');

-- CreateTable
CREATE TABLE "SledAgent" (
    "sledId" UUID NOT NULL,
    "rackId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "profile" "SledAgentProfile" NOT NULL,
    "ledgered" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SledAgent_pkey" PRIMARY KEY ("sledId")
);

-- CreateTable
CREATE TABLE "Execution" (
    "id" UUID NOT NULL,
    "rackId" UUID NOT NULL,
    "parentBlueprintId" UUID NOT NULL,
    "targetBlueprintId" UUID NOT NULL,
    "plan" JSONB NOT NULL,
    "planHash" TEXT NOT NULL,
    "state" "ExecutionState" NOT NULL DEFAULT 'awaiting_approval',
    "requestedById" UUID NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "decidedById" UUID,
    "decisionComment" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "cancelledById" UUID,
    "outcome" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutionStep" (
    "executionId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "sledId" UUID NOT NULL,
    "state" "StepState" NOT NULL DEFAULT 'pending',
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExecutionStep_pkey" PRIMARY KEY ("executionId","stepId")
);

-- CreateTable
CREATE TABLE "StepAttempt" (
    "id" BIGSERIAL NOT NULL,
    "executionId" UUID NOT NULL,
    "stepId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "runner" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "requestBody" JSONB NOT NULL,
    "status" INTEGER,
    "responseBody" JSONB,
    "error" TEXT,
    "errorKind" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,

    CONSTRAINT "StepAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExecutionEvent" (
    "id" BIGSERIAL NOT NULL,
    "executionId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "stepId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ExecutionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "executionId" UUID,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SledAgent_rackId_idx" ON "SledAgent"("rackId");

-- CreateIndex
CREATE INDEX "Execution_rackId_createdAt_idx" ON "Execution"("rackId", "createdAt");

-- CreateIndex
CREATE INDEX "Execution_state_idx" ON "Execution"("state");

-- CreateIndex
CREATE UNIQUE INDEX "StepAttempt_executionId_stepId_attempt_key" ON "StepAttempt"("executionId", "stepId", "attempt");

-- CreateIndex
CREATE INDEX "ExecutionEvent_executionId_id_idx" ON "ExecutionEvent"("executionId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_executionId_idx" ON "AuditEvent"("executionId");

-- AddForeignKey
ALTER TABLE "SledAgent" ADD CONSTRAINT "SledAgent_rackId_fkey" FOREIGN KEY ("rackId") REFERENCES "Rack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_rackId_fkey" FOREIGN KEY ("rackId") REFERENCES "Rack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionStep" ADD CONSTRAINT "ExecutionStep_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepAttempt" ADD CONSTRAINT "StepAttempt_executionId_stepId_fkey" FOREIGN KEY ("executionId", "stepId") REFERENCES "ExecutionStep"("executionId", "stepId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExecutionEvent" ADD CONSTRAINT "ExecutionEvent_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log is append-only, enforced by the database and not only by code: UPDATE and
-- DELETE on it do nothing. (Rules rather than a raising trigger because Prisma's wasm schema
-- engine splits migration scripts on semicolons, which breaks plpgsql bodies.)
CREATE RULE "AuditEvent_no_update" AS ON UPDATE TO "AuditEvent" DO INSTEAD NOTHING;
CREATE RULE "AuditEvent_no_delete" AS ON DELETE TO "AuditEvent" DO INSTEAD NOTHING;
