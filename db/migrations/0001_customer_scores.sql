CREATE TYPE "public"."tier" AS ENUM('ordinary', 'silver', 'gold', 'diamond', 'crown');--> statement-breakpoint
CREATE TABLE "customer_flag_events" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_flag_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"flag" "compliance_flag" NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_flag_events_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_scores" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"rule_version" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"orders" integer NOT NULL,
	"spend" bigint NOT NULL,
	"average_order_value" double precision,
	"last_order_at" timestamp with time zone,
	"recency_days" integer,
	"returns" integer NOT NULL,
	"return_rate" double precision,
	"refunded" bigint NOT NULL,
	"net_spend" bigint NOT NULL,
	"reviews" integer NOT NULL,
	"photo_reviews" integer NOT NULL,
	"positive_reviews" integer NOT NULL,
	"interaction_rate" double precision,
	"shares" integer NOT NULL,
	"share_rate" double precision,
	"positive_review_rate" double precision,
	"is_repeat" boolean NOT NULL,
	"f_frequency" double precision,
	"f_monetary" double precision,
	"f_recency" double precision,
	"f_interaction" double precision,
	"f_sharing" double precision,
	"f_returns" double precision,
	"f_reputation" double precision,
	"score" numeric(4, 1),
	"score_tier" "tier" NOT NULL,
	"tier" "tier" NOT NULL,
	"previous_tier" "tier",
	"gates" text[] NOT NULL,
	"is_high_value" boolean NOT NULL,
	CONSTRAINT "customer_scores_store_id_customer_id_pk" PRIMARY KEY("store_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "score_runs" (
	"store_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "score_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule_version" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"took_ms" integer,
	"customers" integer,
	"scored" integer,
	"repeat_customers" integer,
	"high_value" integer,
	"net_spend" bigint,
	"high_value_net_spend" bigint,
	CONSTRAINT "score_runs_store_id_id_pk" PRIMARY KEY("store_id","id")
);
--> statement-breakpoint
CREATE TABLE "scoring_rules" (
	"store_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by_user_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scoring_rules_store_id_version_pk" PRIMARY KEY("store_id","version")
);
--> statement-breakpoint
CREATE TABLE "tier_changes" (
	"store_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"run_id" bigint NOT NULL,
	"from_tier" "tier",
	"to_tier" "tier" NOT NULL,
	"score" numeric(4, 1),
	"as_of" timestamp with time zone NOT NULL,
	CONSTRAINT "tier_changes_store_id_customer_id_run_id_pk" PRIMARY KEY("store_id","customer_id","run_id")
);
--> statement-breakpoint
ALTER TABLE "customer_flag_events" ADD CONSTRAINT "customer_flag_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_flag_events" ADD CONSTRAINT "customer_flag_events_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_scores" ADD CONSTRAINT "customer_scores_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_runs" ADD CONSTRAINT "score_runs_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_rules" ADD CONSTRAINT "scoring_rules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_rules" ADD CONSTRAINT "scoring_rules_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_store_id_customer_id_customers_store_id_id_fk" FOREIGN KEY ("store_id","customer_id") REFERENCES "public"."customers"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_changes" ADD CONSTRAINT "tier_changes_store_id_run_id_score_runs_store_id_id_fk" FOREIGN KEY ("store_id","run_id") REFERENCES "public"."score_runs"("store_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_scores_score_idx" ON "customer_scores" USING btree ("store_id",coalesce("score", -1),"customer_id");--> statement-breakpoint
CREATE INDEX "customer_scores_net_spend_idx" ON "customer_scores" USING btree ("store_id","net_spend","customer_id");--> statement-breakpoint
CREATE INDEX "customer_scores_orders_idx" ON "customer_scores" USING btree ("store_id","orders","customer_id");--> statement-breakpoint
CREATE INDEX "customer_scores_recency_idx" ON "customer_scores" USING btree ("store_id",coalesce("recency_days", 2147483647),"customer_id");