// One file per feature so features can grow their wording without touching each other's;
// common.json holds the shell and the features that came first. A feature file holds its
// namespace's messages and is added here under that namespace.
import common from "./common.json";
import flashSales from "./flash-sales.json";
import care from "./care.json";
import dashboard from "./dashboard.json";
import pricing from "./pricing.json";
import disputes from "./disputes.json";
import importReasons from "./import-reasons.json";

const messages = { ...common, pricing, disputes, dashboard, care, flashSales, importReasons };

export default messages;
