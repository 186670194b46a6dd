CREATE TABLE "flash_sale_buyers" (
	"store_id" bigint NOT NULL,
	"sale_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "flash_sale_buyers_store_id_sale_id_customer_id_pk" PRIMARY KEY("store_id","sale_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "flash_sale_claims" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "flash_sale_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sale_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"tier" "tier" NOT NULL,
	"idempotency_key" text NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "flash_sale_claims_store_id_id_pk" PRIMARY KEY("store_id","id"),
	CONSTRAINT "flash_sale_claims_idempotency_key" UNIQUE("store_id","sale_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "flash_sales" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "flash_sales_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"product_id" bigint NOT NULL,
	"price" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"per_customer_limit" integer DEFAULT 1 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"early_access_tier" "tier",
	"early_access_minutes" integer,
	"cancelled_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"returned_units" integer,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flash_sales_store_id_id_pk" PRIMARY KEY("store_id","id"),
	CONSTRAINT "flash_sales_sold_within_quantity" CHECK ("flash_sales"."sold" >= 0 and "flash_sales"."sold" <= "flash_sales"."quantity"),
	CONSTRAINT "flash_sales_starts_before_end" CHECK ("flash_sales"."starts_at" < "flash_sales"."ends_at"),
	CONSTRAINT "flash_sales_early_access_whole" CHECK (("flash_sales"."early_access_tier" is null) = ("flash_sales"."early_access_minutes" is null))
);
--> statement-breakpoint
ALTER TABLE "flash_sale_buyers" ADD CONSTRAINT "flash_sale_buyers_store_id_sale_id_flash_sales_store_id_id_fk" FOREIGN KEY ("store_id","sale_id") REFERENCES "public"."flash_sales"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_buyers" ADD CONSTRAINT "flash_sale_buyers_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_claims" ADD CONSTRAINT "flash_sale_claims_store_id_sale_id_flash_sales_store_id_id_fk" FOREIGN KEY ("store_id","sale_id") REFERENCES "public"."flash_sales"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_claims" ADD CONSTRAINT "flash_sale_claims_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_store_id_product_id_products_store_id_id_fk" FOREIGN KEY ("store_id","product_id") REFERENCES "public"."products"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flash_sale_claims_sale_idx" ON "flash_sale_claims" USING btree ("store_id","sale_id","claimed_at");--> statement-breakpoint
CREATE INDEX "flash_sale_claims_customer_idx" ON "flash_sale_claims" USING btree ("store_id","customer_id","claimed_at");--> statement-breakpoint
CREATE INDEX "flash_sales_product_idx" ON "flash_sales" USING btree ("store_id","product_id","starts_at");--> statement-breakpoint
CREATE INDEX "flash_sales_starts_idx" ON "flash_sales" USING btree ("store_id","starts_at");