CREATE TYPE "public"."dispute_counterparty_kind" AS ENUM('competitor', 'supplier', 'brand_owner', 'rights_holder', 'platform', 'buyer', 'other');--> statement-breakpoint
CREATE TYPE "public"."dispute_event_kind" AS ENUM('created', 'draft_updated', 'submitted', 'assigned', 'review_started', 'routed', 'escalated', 'deadline_changed', 'resolved', 'withdrawn', 'comment', 'evidence_added');--> statement-breakpoint
CREATE TYPE "public"."dispute_outcome" AS ENUM('won', 'settled', 'lost');--> statement-breakpoint
CREATE TYPE "public"."dispute_party" AS ENUM('ip_protection_agency', 'platform', 'brand_owner', 'consumer_protection_agency', 'ecommerce_association', 'industry_association', 'supplier', 'lawyer');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('draft', 'submitted', 'in_review', 'routed', 'escalated', 'resolved', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."dispute_type" AS ENUM('ip_infringement', 'counterfeit_accusation', 'malicious_complaint', 'fake_return', 'unfair_platform_treatment', 'malicious_competition', 'supplier_quality', 'brand_authorization');--> statement-breakpoint
CREATE TYPE "public"."points_entry_kind" AS ENUM('earn', 'reversal', 'redeem', 'expiry', 'adjustment');--> statement-breakpoint
CREATE TABLE "dispute_events" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dispute_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dispute_id" bigint NOT NULL,
	"kind" "dispute_event_kind" NOT NULL,
	"actor_user_id" bigint,
	"from_status" "dispute_status",
	"to_status" "dispute_status",
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "dispute_evidence" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "dispute_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dispute_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_evidence_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "dispute_party_contacts" (
	"store_id" bigint NOT NULL,
	"party" "dispute_party" NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"updated_by_user_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_party_contacts_store_id_party_pk" PRIMARY KEY("store_id","party")
);
--> statement-breakpoint
CREATE TABLE "dispute_settings" (
	"store_id" bigint NOT NULL,
	"legal_threshold" bigint DEFAULT 5000000 NOT NULL,
	"updated_by_user_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_settings_store_id_pk" PRIMARY KEY("store_id"),
	CONSTRAINT "dispute_settings_threshold_check" CHECK ("dispute_settings"."legal_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "disputes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" "dispute_type" NOT NULL,
	"status" "dispute_status" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"amount_at_stake" bigint DEFAULT 0 NOT NULL,
	"order_id" bigint,
	"customer_id" bigint,
	"product_id" bigint,
	"return_id" bigint,
	"counterparty_name" text,
	"counterparty_kind" "dispute_counterparty_kind",
	"infringed_right" text,
	"infringing_listing" text,
	"routing" jsonb,
	"earlier_complaints" integer,
	"party_index" integer,
	"current_party" "dispute_party",
	"deadline_at" timestamp with time zone,
	"assignee_user_id" bigint,
	"outcome" "dispute_outcome",
	"resolution_summary" text,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_store_id_id_pk" PRIMARY KEY("store_id","id"),
	CONSTRAINT "disputes_amount_check" CHECK ("disputes"."amount_at_stake" >= 0)
);
--> statement-breakpoint
CREATE TABLE "customer_memberships" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_memberships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"plan_id" bigint NOT NULL,
	"tier" "tier" NOT NULL,
	"fee_paid" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"renews_membership_id" bigint,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_memberships_store_id_id_pk" PRIMARY KEY("store_id","id"),
	CONSTRAINT "customer_memberships_period" CHECK ("customer_memberships"."ends_at" > "customer_memberships"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "member_prices" (
	"store_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"tier" "tier" NOT NULL,
	"price" bigint,
	"percent_off" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_prices_store_id_product_id_tier_pk" PRIMARY KEY("store_id","product_id","tier"),
	CONSTRAINT "member_prices_one_kind" CHECK (("member_prices"."price" is null) <> ("member_prices"."percent_off" is null)),
	CONSTRAINT "member_prices_percent_range" CHECK ("member_prices"."percent_off" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "membership_plans" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "membership_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"fee" bigint NOT NULL,
	"length_days" integer NOT NULL,
	"tier" "tier" NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_plans_store_id_id_pk" PRIMARY KEY("store_id","id"),
	CONSTRAINT "membership_plans_name_key" UNIQUE("store_id","name"),
	CONSTRAINT "membership_plans_length" CHECK ("membership_plans"."length_days" > 0),
	CONSTRAINT "membership_plans_fee" CHECK ("membership_plans"."fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_entries" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "points_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"kind" "points_entry_kind" NOT NULL,
	"points" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"order_id" bigint,
	"return_id" bigint,
	"coupon_value" bigint,
	"reason" text,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_entries_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "points_rules" (
	"store_id" bigint NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"earn_rate" numeric(10, 4) NOT NULL,
	"tier_multipliers" jsonb NOT NULL,
	"expiry_months" integer NOT NULL,
	"redeem_rate" integer NOT NULL,
	"earn_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_user_id" bigint,
	CONSTRAINT "points_rules_store_id_pk" PRIMARY KEY("store_id"),
	CONSTRAINT "points_rules_rates" CHECK ("points_rules"."earn_rate" >= 0 and "points_rules"."redeem_rate" > 0 and "points_rules"."expiry_months" >= 0)
);
--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_events" ADD CONSTRAINT "dispute_events_store_id_dispute_id_disputes_store_id_id_fk" FOREIGN KEY ("store_id","dispute_id") REFERENCES "public"."disputes"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_evidence" ADD CONSTRAINT "dispute_evidence_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_evidence" ADD CONSTRAINT "dispute_evidence_store_id_dispute_id_disputes_store_id_id_fk" FOREIGN KEY ("store_id","dispute_id") REFERENCES "public"."disputes"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_party_contacts" ADD CONSTRAINT "dispute_party_contacts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_party_contacts" ADD CONSTRAINT "dispute_party_contacts_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_settings" ADD CONSTRAINT "dispute_settings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_settings" ADD CONSTRAINT "dispute_settings_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_order_id_orders_store_id_id_fk" FOREIGN KEY ("store_id","order_id") REFERENCES "public"."orders"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_product_id_products_store_id_id_fk" FOREIGN KEY ("store_id","product_id") REFERENCES "public"."products"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_store_id_return_id_returns_store_id_id_fk" FOREIGN KEY ("store_id","return_id") REFERENCES "public"."returns"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_memberships" ADD CONSTRAINT "customer_memberships_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_memberships" ADD CONSTRAINT "customer_memberships_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_memberships" ADD CONSTRAINT "customer_memberships_store_id_plan_id_membership_plans_store_id_id_fk" FOREIGN KEY ("store_id","plan_id") REFERENCES "public"."membership_plans"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_prices" ADD CONSTRAINT "member_prices_store_id_product_id_products_store_id_id_fk" FOREIGN KEY ("store_id","product_id") REFERENCES "public"."products"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_plans" ADD CONSTRAINT "membership_plans_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_store_id_order_id_orders_store_id_id_fk" FOREIGN KEY ("store_id","order_id") REFERENCES "public"."orders"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_entries" ADD CONSTRAINT "points_entries_store_id_return_id_returns_store_id_id_fk" FOREIGN KEY ("store_id","return_id") REFERENCES "public"."returns"("store_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rules" ADD CONSTRAINT "points_rules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_rules" ADD CONSTRAINT "points_rules_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_events_dispute_idx" ON "dispute_events" USING btree ("store_id","dispute_id","id");--> statement-breakpoint
CREATE INDEX "dispute_evidence_dispute_idx" ON "dispute_evidence" USING btree ("store_id","dispute_id");--> statement-breakpoint
CREATE INDEX "disputes_queue_idx" ON "disputes" USING btree ("store_id","status","deadline_at");--> statement-breakpoint
CREATE INDEX "disputes_customer_idx" ON "disputes" USING btree ("store_id","customer_id");--> statement-breakpoint
CREATE INDEX "disputes_assignee_idx" ON "disputes" USING btree ("store_id","assignee_user_id");--> statement-breakpoint
CREATE INDEX "customer_memberships_customer_idx" ON "customer_memberships" USING btree ("store_id","customer_id","ends_at");--> statement-breakpoint
CREATE INDEX "customer_memberships_ends_idx" ON "customer_memberships" USING btree ("store_id","ends_at");--> statement-breakpoint
CREATE INDEX "points_entries_customer_idx" ON "points_entries" USING btree ("store_id","customer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_earn_key" ON "points_entries" USING btree ("store_id","order_id") WHERE kind = 'earn';--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_cancel_key" ON "points_entries" USING btree ("store_id","order_id") WHERE kind = 'reversal' and return_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "points_entries_return_key" ON "points_entries" USING btree ("store_id","return_id") WHERE kind = 'reversal';