"""Scrapy settings of the harvesters: polite, bounded, and never fetching private addresses.

Custom settings are prefixed: `HARVEST_*` for every spider, `HTML_*` for the html spider.
"""

from __future__ import annotations

import os

BOT_NAME = "microcat"
SPIDER_MODULES = ["harvesters.spiders"]
NEWSPIDER_MODULE = "harvesters.spiders"

USER_AGENT = "Microcat-harvester/0.1 (+https://github.com/microcat)"

# APIs (OAI-PMH, JSON) are registered by their providers for harvesting; the html spider
# crawls web sites and turns this on in its custom_settings.
ROBOTSTXT_OBEY = False

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
# Retries wait: Retry-After when the server sends it, else HARVEST_RETRY_BACKOFF x 2^n
# seconds; never longer than HARVEST_MAX_RETRY_AFTER (see PoliteRetryMiddleware).
HARVEST_RETRY_BACKOFF = 2.0
HARVEST_MAX_RETRY_AFTER = 120.0

DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
REDIRECT_MAX_TIMES = 5

# Feed URLs come from providers: refuse loopback, private, link-local, reserved and
# multicast addresses, at connect time for host names and per request (redirects
# included) for IP literals. MICROCAT_FETCH_ALLOWLIST lists host:port exceptions.
HARVEST_FETCH_ALLOWLIST = os.environ.get("MICROCAT_FETCH_ALLOWLIST", "")
TWISTED_DNS_RESOLVER = "harvesters.resolver.PublicAddressResolver"
DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100), so a refused host is not even asked for its robots.txt.
    "harvesters.middlewares.FetchGuardMiddleware": 60,
    # After retry (550): exceptions travel the chain backwards, so this sees a refused
    # lookup first and makes it a ForbiddenAddressError, which is not retried.
    "harvesters.middlewares.RefusedLookupMiddleware": 560,
    # After retry too: a certificate that fails verification is not retried.
    "harvesters.tls.CertificateFailureMiddleware": 570,
    # After DownloadTimeoutMiddleware (350): shortens timeouts near --max-seconds.
    "harvesters.middlewares.DeadlineMiddleware": 360,
    # Scrapy's retries, but waiting (Retry-After, back-off) instead of firing at once.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "harvesters.middlewares.PoliteRetryMiddleware": 550,
    # Off unless --cache-dir: conditional requests, a 304 page writes nothing.
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "harvesters.httpcache.RevalidatingCacheMiddleware": 900,
}
HTTPCACHE_POLICY = "harvesters.httpcache.RevalidatePolicy"
HTTPCACHE_STORAGE = "harvesters.httpcache.PruningCacheStorage"
HARVEST_DEADLINE_MIN_TIMEOUT = 1.0
# Server certificates are verified (Scrapy does not by default): chain and host name, against
# the platform's certificate authorities plus those of HARVEST_CA_BUNDLE, a PEM file set by
# the operator (`--setting HARVEST_CA_BUNDLE=PATH` or MICROCAT_CA_BUNDLE) for a private CA.
DOWNLOAD_VERIFY_CERTIFICATES = True
DOWNLOADER_CLIENTCONTEXTFACTORY = "harvesters.tls.VerifyingContextFactory"
HARVEST_CA_BUNDLE = os.environ.get("MICROCAT_CA_BUNDLE", "")
# A proxy would resolve host names itself, out of the resolver's sight.
HTTPPROXY_ENABLED = False
# Nothing may listen for commands inside a harvester process.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

ITEM_PIPELINES = {"harvesters.pipelines.JsonLinesOutputPipeline": 900}
HARVEST_OUTPUT_FD = 1
# Feeds come from strangers: no single record and no single run may fill the database.
# A record whose JSON line is longer than this is not written but reported as an error line
# for that record. The largest real records we know (ELM credentials) are ~110 KiB, so
# 2 MiB leaves room for honest outliers and still refuses an amplified payload. 0: no cap.
HARVEST_MAX_RECORD_BYTES = 2 * 1024 * 1024
# The run stops (incomplete: PARTIAL, nothing is deleted) once its output lines pass this
# many times the bytes it read, plus the allowance: an honest feed writes about what it
# reads (JSON escapes make non-Latin text up to ~3x longer), so only a feed whose lines
# copy a part into every record gets there. No absolute cap by default: real repositories
# hold millions of records, and one stopped every run at the same place would never finish.
HARVEST_MAX_OUTPUT_RATIO = 8.0
HARVEST_OUTPUT_ALLOWANCE_BYTES = 64 * 1024 * 1024
HARVEST_MAX_OUTPUT_BYTES = 0
# Stop a list that keeps answering with empty pages and new tokens/links.
HARVEST_MAX_EMPTY_PAGES = 50
HTML_SITEMAP_MAX_DEPTH = 3
# The sitemap protocol's own limit on the URLs of one sitemap (and the sitemaps of one
# index): the entries past it are skipped and reported, the list is incomplete.
HTML_SITEMAP_MAX_URLS = 50_000
# Links followed from an index page (same host only); the ones past it are reported.
HTML_MAX_LINKS_PER_PAGE = 5_000

# The last guard against a feed that makes the harvester grow (a huge sitemap, a page of
# deeply nested JSON): Scrapy's memusage extension closes the spider (the summary says
# incomplete) when the peak RSS passes the limit. A harvester usually stays under 200 MiB;
# parsing a 50 MiB page (DOWNLOAD_MAXSIZE) can take a few hundred more.
MEMUSAGE_ENABLED = True
MEMUSAGE_LIMIT_MB = 1024
MEMUSAGE_WARNING_MB = 512
# Scrapy's default (60 s) lets a runaway crawl grow by gigabytes between two checks.
MEMUSAGE_CHECK_INTERVAL_SECONDS = 5.0

LOG_LEVEL = "INFO"
LOG_FORMATTER = "harvesters.logformatter.HarvestLogFormatter"
LOGSTATS_INTERVAL = 60.0
