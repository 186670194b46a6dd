CREATE TYPE "public"."import_kind" AS ENUM('orders', 'returns', 'reviews', 'shares');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('queued', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TABLE "imports" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "import_kind" NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"skip_invalid" boolean DEFAULT false NOT NULL,
	"status" "import_status" DEFAULT 'queued' NOT NULL,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"skipped_rows" integer DEFAULT 0 NOT NULL,
	"ignored_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb,
	"message" text,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "imports_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "staged_order_lines" (
	"store_id" bigint NOT NULL,
	"import_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"order_external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"customer_name" text,
	"placed_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"group_buy" boolean NOT NULL,
	"product_external_id" text NOT NULL,
	"product_name" text,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"line_amount" bigint NOT NULL,
	CONSTRAINT "staged_order_lines_store_id_import_id_row_no_pk" PRIMARY KEY("store_id","import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "staged_returns" (
	"store_id" bigint NOT NULL,
	"import_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"order_external_id" text,
	"type" text NOT NULL,
	"amount" bigint NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "staged_returns_store_id_import_id_row_no_pk" PRIMARY KEY("store_id","import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "staged_reviews" (
	"store_id" bigint NOT NULL,
	"import_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"order_external_id" text,
	"product_external_id" text,
	"rating" integer NOT NULL,
	"has_photos" boolean NOT NULL,
	"likes" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staged_reviews_store_id_import_id_row_no_pk" PRIMARY KEY("store_id","import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "staged_shares" (
	"store_id" bigint NOT NULL,
	"import_id" bigint NOT NULL,
	"row_no" integer NOT NULL,
	"external_id" text NOT NULL,
	"customer_external_id" text NOT NULL,
	"product_external_id" text,
	"shared_at" timestamp with time zone NOT NULL,
	"conversions" integer NOT NULL,
	CONSTRAINT "staged_shares_store_id_import_id_row_no_pk" PRIMARY KEY("store_id","import_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;