-- AlterTable
ALTER TABLE "SledAgent" ADD COLUMN     "decommissionedAt" TIMESTAMPTZ(3),
ADD COLUMN     "decommissionedByExecutionId" UUID;
