-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "changes" JSONB,
ADD COLUMN     "windowOverride" JSONB;

-- AlterTable
ALTER TABLE "RackPolicy" ADD COLUMN     "windows" JSONB;
