CREATE TABLE "flash_sale_stock" (
	"store_id" bigint NOT NULL,
	"sale_id" bigint NOT NULL,
	"slot" integer NOT NULL,
	"remaining" integer NOT NULL,
	CONSTRAINT "flash_sale_stock_store_id_sale_id_slot_pk" PRIMARY KEY("store_id","sale_id","slot"),
	CONSTRAINT "flash_sale_stock_remaining_not_negative" CHECK ("flash_sale_stock"."remaining" >= 0)
);
--> statement-breakpoint
ALTER TABLE "flash_sales" DROP CONSTRAINT "flash_sales_sold_within_quantity";--> statement-breakpoint
ALTER TABLE "flash_sale_stock" ADD CONSTRAINT "flash_sale_stock_store_id_sale_id_flash_sales_store_id_id_fk" FOREIGN KEY ("store_id","sale_id") REFERENCES "public"."flash_sales"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" DROP COLUMN "sold";--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_quantity_positive" CHECK ("flash_sales"."quantity" >= 1);