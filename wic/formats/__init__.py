"""The site's date formats per language (FORMAT_MODULE_PATH), over Django's own: Chinese dates in Chinese order
(2024年11月19日 星期二), and the named formats the templates and messages use instead of literal English patterns.

A named format of the site must be defined for every language of LANGUAGES: Django returns the name itself as the
pattern for a language that lacks it.
"""
