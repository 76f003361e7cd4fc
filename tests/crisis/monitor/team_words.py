"""Labelled examples in a team's own words for the trained tiers' tests: "zorbly" is how this team's customers
say broken, "glimmy" how they say great. Neither word is in any lexicon, so only training can teach them."""

from itertools import product

PRODUCTS = ["router", "app", "parcel", "account", "card", "charger"]
NEGATIVE = ["my {} is zorbly", "the {} went zorbly again", "totally zorbly {} today"]
POSITIVE = ["my {} is glimmy", "the new {} is so glimmy", "glimmy {} today"]
NEUTRAL = ["where is the {} manual", "is the {} sold in Canada", "which {} colour is in stock"]


def examples(products: list[str] = PRODUCTS) -> tuple[list[str], list[str]]:
    """Every template with every product: (texts, labels), negative first, then positive, then neutral."""
    texts, labels = [], []
    for label, templates in (("negative", NEGATIVE), ("positive", POSITIVE), ("neutral", NEUTRAL)):
        for template, product_name in product(templates, products):
            texts.append(template.format(product_name))
            labels.append(label)
    return texts, labels
