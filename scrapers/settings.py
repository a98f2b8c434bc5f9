"""Scrapy settings of Familienpunkt: a slow, identifiable, robots.txt-respecting crawler.

Loaded by ``scrapers.crawl`` (and by ``scrapy`` commands through ``scrapy.cfg``). Tests on a
loopback server lower the delays through ``settings_overrides``; production keeps these.
"""

from __future__ import annotations

from core.settings import get_settings

BOT_NAME = "familienpunkt"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

# Who we are: every request names the project and where to reach it.
USER_AGENT = get_settings().user_agent
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "de-DE,de;q=0.9,en;q=0.5",
}

# robots.txt: Scrapy's own middleware is off (it lets requests through when several wait for
# robots.txt at once, scrapy 2.14-2.19); ours takes its place in the chain.
ROBOTSTXT_OBEY = False
DOWNLOADER_MIDDLEWARES = {
    "scrapers.middlewares.boundary.FetchBoundaryMiddleware": 50,  # registry hosts only
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapers.middlewares.robots.RobotsTxtMiddleware": 100,
    "scrapers.middlewares.boundary.LostPagesMiddleware": 540,  # behind retries (550)
    "scrapers.middlewares.boundary.RetryAfterMiddleware": 560,  # before retries see it
    "scrapers.politeness.HostGateMiddleware": 950,  # per-host slots across all sources
}

# Politeness: few parallel requests per site, a delay with jitter, AutoThrottle on top.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # delay varies by +-50 %
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Failing fast and retrying a little.
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
DEPTH_LIMIT = 200  # an endless calendar ("next month" forever) ends here at the latest

# No state, no remote control: sessions are not needed to read public offer pages.
COOKIES_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # scrapy 2.19 would start a local code-executing server
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

# One item at a time: the crawl is CPU-bound in Scrapy itself, items are tiny.
CONCURRENT_ITEMS = 1
ITEM_PIPELINES = {"scrapers.output.RawRecordExporter": 900}

LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 60.0
