"""Publisher boilerplate learnt from the corpus: profiles of recurring paragraphs.

A footer, disclaimer or newsletter pitch recurs, near-verbatim, in many
documents of one site, in whatever language the publisher wrote it. Learn
which paragraphs recur per site (:func:`learn_profile`, :class:`ProfileLearner`),
keep them in an editable JSON file (:class:`Profile`), and remove them with
reason ``repeated`` (:class:`ProfileFilter`), or learn while streaming
(:class:`OnlineProfileFilter`).

>>> records = [{"url": f"https://www.valleynews.com/{i}",
...             "text": f"Story number {i} is about the valley.\\n\\n© 202{i} Valley News. All rights reserved."}
...            for i in range(4)]
>>> profile = learn_profile(records)
>>> bool(profile.match("valleynews.com", "© 2030 Valley News. All rights reserved."))
True
"""

from .entries import Entry, GlobalEntry, SiteProfile, Threshold
from .filters import DEFAULT_WARMUP, RULE_ID, OnlineProfileFilter, ProfileFilter, document_site
from .index import NEAR_SIMILARITY, Match
from .learn import DEFAULT_CAPACITY, ProfileLearner, learn_profile
from .normalize import hash_normalized, normalize_paragraph, paragraph_hash, site_key
from .schema import ProfileError
from .store import Profile

__all__ = [
    "DEFAULT_CAPACITY",
    "DEFAULT_WARMUP",
    "NEAR_SIMILARITY",
    "RULE_ID",
    "Entry",
    "GlobalEntry",
    "Match",
    "OnlineProfileFilter",
    "Profile",
    "ProfileError",
    "ProfileFilter",
    "ProfileLearner",
    "SiteProfile",
    "Threshold",
    "document_site",
    "hash_normalized",
    "learn_profile",
    "normalize_paragraph",
    "paragraph_hash",
    "site_key",
]
