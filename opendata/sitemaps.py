from lib.sitemaps import PagesSitemap

SITEMAPS = {"open-data-pages": PagesSitemap("open_data")}
