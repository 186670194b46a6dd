-- Room in every page of the scores (70% full when written) for the next version of its rows.
-- A recompute rewrites every score whose value moved, most often only a factor that is in no
-- index (recency's rank shifts a little for everyone as the days pass). With room on the page
-- such an update is a heap-only tuple: no entry in the five indexes, which was most of its cost.
-- drizzle-kit does not model storage parameters, so this is written here by hand.
ALTER TABLE "customer_scores" SET (fillfactor = 70);
