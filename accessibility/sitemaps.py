from lib.sitemaps import PagesSitemap

SITEMAPS = {"accessibility-pages": PagesSitemap("accessibility")}
