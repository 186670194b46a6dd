CREATE TABLE "co_purchase_refreshes" (
	"store_id" bigint PRIMARY KEY NOT NULL,
	"baskets_fingerprint" text NOT NULL,
	"basket_lines" integer NOT NULL,
	"capped_customers" integer NOT NULL,
	"pairs" integer NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"took_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "co_purchases" (
	"store_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"other_product_id" bigint NOT NULL,
	"customers" integer NOT NULL,
	CONSTRAINT "co_purchases_store_id_product_id_other_product_id_pk" PRIMARY KEY("store_id","product_id","other_product_id")
);
--> statement-breakpoint
CREATE TABLE "rep_assignments" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"assigned_by_user_id" bigint,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rep_assignments_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "rep_queue_views" (
	"store_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"last_looked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rep_queue_views_store_id_user_id_pk" PRIMARY KEY("store_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "co_purchase_refreshes" ADD CONSTRAINT "co_purchase_refreshes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_purchases" ADD CONSTRAINT "co_purchases_store_id_product_id_products_store_id_id_fk" FOREIGN KEY ("store_id","product_id") REFERENCES "public"."products"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_purchases" ADD CONSTRAINT "co_purchases_store_id_other_product_id_products_store_id_id_fk" FOREIGN KEY ("store_id","other_product_id") REFERENCES "public"."products"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_assignments" ADD CONSTRAINT "rep_assignments_assigned_by_user_id_users_id_fk" FOREIGN KEY ("assigned_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_assignments" ADD CONSTRAINT "rep_assignments_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_assignments" ADD CONSTRAINT "rep_assignments_store_id_user_id_memberships_store_id_user_id_fk" FOREIGN KEY ("store_id","user_id") REFERENCES "public"."memberships"("store_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_queue_views" ADD CONSTRAINT "rep_queue_views_store_id_user_id_memberships_store_id_user_id_fk" FOREIGN KEY ("store_id","user_id") REFERENCES "public"."memberships"("store_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rep_assignments_user_idx" ON "rep_assignments" USING btree ("store_id","user_id","customer_id");