# Timing reference for benchmarks/bench_scoring.py --psych: psych::scoreItems on random answers
# of the same shape as the Python benchmark's mph + pss10 part (52 items; psych has no
# dichotomous De Jong Gierveld keying). Prints the elapsed seconds of scoreItems only.
# Usage: Rscript benchmarks/bench_scoring_psych.R N
suppressPackageStartupMessages(library(psych))
n <- as.integer(commandArgs(trailingOnly = TRUE)[1])
set.seed(1)
mph <- matrix(sample(0:10, n * 42, replace = TRUE), n, 42)
pss <- matrix(sample(0:4, n * 10, replace = TRUE), n, 10)
mph[runif(length(mph)) < 0.02] <- NA
pss[runif(length(pss)) < 0.02] <- NA
x <- cbind(mph, pss)
colnames(x) <- c(paste0("mph_", 1:42), paste0("pss10_", 1:10))
keys <- list(body = 1:7, mental = 8:14, meaning = 15:21, quality = 22:28,
             participation = 29:35, daily = 36:42)
suppressWarnings({
t_mph <- system.time(s1 <- scoreItems(keys, x[, 1:42], totals = FALSE, impute = "none",
                                      min = 0, max = 10))[["elapsed"]]
pkeys <- list(pss10 = c(1, 2, 3, -4, -5, 6, -7, -8, 9, 10))
t_pss <- system.time(s2 <- scoreItems(pkeys, x[, 43:52], totals = TRUE, impute = "none",
                                      min = 0, max = 4))[["elapsed"]]
})
cat(sprintf("%.3f\n", t_mph + t_pss))
