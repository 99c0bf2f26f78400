"""Generate a large synthetic multi-site corpus with labelled boilerplate, as JSON Lines.

Each line is ``{"url": ..., "text": ..., "labels": [...]}``: the text's paragraphs are
separated by a blank line, and ``labels`` gives the kind of each paragraph. Sites write
in one of nine languages and have, each with its own probability and share of documents:

boilerplate kinds (a profile should remove them)
  ``header``      site name, section and date, on every page;
  ``footer``      copyright line with the year, in the site's language;
  ``newsletter``  a pitch with a reader count, on 30–70 % of pages;
  ``variant``     the pitch with one word changed, 1 in 20 times (near-exact case);
  ``foreign``     a syndication note in another language than the articles;
  ``promo``       a note on 5–20 % of pages: below the default threshold, so expected misses;
  ``shared``      a line many sites use ("Share this article", in the site's language);

body kinds (must stay)
  ``body``        article paragraphs, random words of the language;
  ``quote``       a body paragraph a site repeats in 2 or 3 of its articles;
  ``wire``        agency copy: one paragraph in articles of several sites;
  ``echo``        a body paragraph that quotes the site's pitch or footer among other sentences.

Site sizes follow a power law (a few sites with thousands of documents, a long tail
with a handful) and documents of all sites come interleaved, as from a crawl. The
output depends only on the arguments (``--seed``). The words and templates are
written for this generator. Usage::

    python benchmarks/profile_corpus.py --docs 200000 -o /tmp/profile-corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

BOILERPLATE = frozenset({"header", "footer", "newsletter", "variant", "foreign", "promo", "shared"})
KINDS = (*sorted(BOILERPLATE), "body", "quote", "wire", "echo")

# Common words per language, for article bodies; Japanese chunks are joined without spaces.
_SAMPLES = {
    "en": "the city council said on monday that new plans for the harbour would cost more than expected "
    "while residents asked for schools roads and clear answers about water prices next year",
    "fr": "le conseil municipal a annoncé lundi que les nouveaux travaux du port coûteront plus cher "
    "tandis que les habitants demandent des écoles des routes et des réponses sur le prix de l'eau",
    "de": "der stadtrat hat am montag erklärt dass die neuen pläne für den hafen mehr kosten werden "
    "während die bewohner schulen straßen und klare antworten zum wasserpreis im nächsten jahr fordern",
    "es": "el ayuntamiento anunció el lunes que las nuevas obras del puerto costarán más de lo previsto "
    "mientras los vecinos piden escuelas carreteras y respuestas claras sobre el precio del agua",
    "pt": "a câmara municipal disse na segunda-feira que as novas obras do porto vão custar mais "
    "enquanto os moradores pedem escolas estradas e respostas claras sobre o preço da água",
    "ru": "городской совет заявил в понедельник что новые планы для порта обойдутся дороже чем ожидалось "
    "а жители просят школы дороги и ясные ответы о ценах на воду в следующем году",
    "ar": "قال مجلس المدينة يوم الاثنين إن الخطط الجديدة للميناء ستكلف أكثر من المتوقع "
    "بينما يطالب السكان بمدارس وطرق وإجابات واضحة حول أسعار المياه في العام المقبل",
    "hi": "नगर परिषद ने सोमवार को कहा कि बंदरगाह की नई योजनाओं पर उम्मीद से अधिक खर्च होगा "
    "जबकि निवासी स्कूल सड़कें और पानी की कीमतों पर स्पष्ट जवाब मांग रहे हैं",
    "ja": "市議会 は 月曜日 港 の 新しい 計画 に ついて 予想 より 費用 が かかる と 発表 した "
    "住民 は 学校 や 道路 水道 料金 に 関する 明確 な 説明 を 求めて いる",
}
WORDS = {lang: sample.split() for lang, sample in _SAMPLES.items()}
LANGS = tuple(WORDS)
TLDS = {
    "en": ("com", "co.uk", "com.au"),
    "fr": ("fr", "be"),
    "de": ("de", "at"),
    "es": ("es", "com.mx"),
    "pt": ("com.br", "pt"),
    "ru": ("ru",),
    "ar": ("ae", "com"),
    "hi": ("in", "co.in"),
    "ja": ("jp", "co.jp"),
}
SECTIONS = {
    "en": ("World", "Politics", "Business"),
    "fr": ("Monde", "Politique", "Économie"),
    "de": ("Welt", "Politik", "Wirtschaft"),
    "es": ("Mundo", "Política", "Economía"),
    "pt": ("Mundo", "Política", "Economia"),
    "ru": ("Мир", "Политика", "Экономика"),
    "ar": ("العالم", "سياسة", "اقتصاد"),
    "hi": ("दुनिया", "राजनीति", "कारोबार"),
    "ja": ("国際", "政治", "経済"),
}
HEADER = {
    "en": "{name} | {section} | Updated {date}",
    "fr": "{name} | {section} | Mis à jour le {date}",
    "de": "{name} · {section} · Aktualisiert am {date}",
    "es": "{name} | {section} | Actualizado el {date}",
    "pt": "{name} | {section} | Atualizado em {date}",
    "ru": "{name} | {section} | Обновлено {date}",
    "ar": "{name} | {section} | آخر تحديث {date}",
    "hi": "{name} | {section} | अपडेट {date}",
    "ja": "{name} {section} {date} 更新",
}
FOOTER = {
    "en": "© {year} {name}. All rights reserved.",
    "fr": "© {year} {name}. Tous droits réservés.",
    "de": "© {year} {name}. Alle Rechte vorbehalten.",
    "es": "© {year} {name}. Todos los derechos reservados.",
    "pt": "© {year} {name}. Todos os direitos reservados.",
    "ru": "© {year} {name}. Все права защищены.",
    "ar": "© {year} {name}. جميع الحقوق محفوظة.",
    "hi": "© {year} {name}. सर्वाधिकार सुरक्षित।",
    "ja": "© {year} {name} 記事・写真の無断転載を禁じます。",
}
# The pitch; {w} is the word that a variant changes (first choice normally, second in variants).
PITCH = {
    "en": (
        "Get the {name} {w} briefing by email: join {n} readers, free, unsubscribe at any time.",
        ("morning", "evening"),
    ),
    "fr": (
        "Recevez la lettre du {w} de {name} : rejoignez {n} lecteurs, c'est gratuit et sans engagement.",
        ("matin", "soir"),
    ),
    "de": (
        "Der {name}-Newsletter am {w}: {n} Leser lesen ihn schon, kostenlos und jederzeit kündbar.",
        ("Morgen", "Abend"),
    ),
    "es": (
        "Recibe el boletín de la {w} de {name}: únete a {n} lectores, gratis y sin compromiso.",
        ("mañana", "tarde"),
    ),
    "pt": (
        "Receba a newsletter da {w} do {name}: junte-se a {n} leitores, grátis e sem compromisso.",
        ("manhã", "noite"),
    ),
    "ru": ("Подпишитесь на {w} рассылку {name}: её уже читают {n} человек, бесплатно.", ("утреннюю", "вечернюю")),
    "ar": ("اشترك في نشرة {name} {w}: انضم إلى {n} قارئ مجانا ويمكنك الإلغاء في أي وقت.", ("الصباحية", "المسائية")),
    "hi": ("{name} का {w} न्यूज़लेटर पाएं: {n} पाठकों से जुड़ें, मुफ्त में, कभी भी बंद करें।", ("सुबह", "शाम")),
    "ja": ("{name}の{w}ニュースレターを無料でお届けします。読者{n}人が登録しています。", ("朝刊", "夕刊")),
}
SYNDICATION = {
    "en": "{name} also publishes in English: read more of our reporting on our international edition.",
    "fr": "{name} publie aussi ses reportages en français : cliquez ici pour lire notre édition internationale.",
    "de": "{name} erscheint auch auf Deutsch: weitere Berichte in unserer internationalen Ausgabe.",
    "es": "{name} también publica en español: lee más reportajes en nuestra edición internacional.",
    "ar": "تنشر {name} تقاريرها أيضا باللغة العربية: اقرأ المزيد في طبعتنا الدولية.",
}
PROMO = {
    "en": "Read our special report on {topic}.",
    "fr": "Lisez notre dossier spécial : {topic}.",
    "de": "Lesen Sie unser Dossier: {topic}.",
    "es": "Lee nuestro especial: {topic}.",
    "pt": "Leia nosso especial: {topic}.",
    "ru": "Читайте наш спецпроект: {topic}.",
    "ar": "اقرأ ملفنا الخاص: {topic}.",
    "hi": "हमारी विशेष रिपोर्ट पढ़ें: {topic}।",
    "ja": "特集「{topic}」を読む",
}
SHARED = {
    "en": ("Share this article", "Advertisement"),
    "fr": ("Partager cet article", "Publicité"),
    "de": ("Artikel teilen", "Anzeige"),
    "es": ("Compartir este artículo", "Publicidad"),
    "pt": ("Compartilhe esta reportagem", "Publicidade"),
    "ru": ("Поделиться статьей", "Реклама"),
    "ar": ("شارك هذا المقال", "إعلان"),
    "hi": ("यह लेख साझा करें", "विज्ञापन"),
    "ja": ("この記事をシェア", "広告"),
}
SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "vin",
    "da",
    "ra",
    "tel",
    "sun",
    "bor",
    "li",
    "na",
    "ve",
    "sto",
    "pa",
    "ri",
    "gan",
    "mo",
    "de",
    "lu",
)


@dataclass
class Site:
    """One publisher: its language, its boilerplate and the share of pages that carry each."""

    domain: str
    host: str
    lang: str
    name: str
    shares: dict[str, float]
    foreign_lang: str
    topic: str
    shared_lines: tuple[str, ...]
    quotes: list[list[Any]] = field(default_factory=list)  # [paragraph, uses left]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choices(SYLLABLES, k=syllables))


def make_site(rng: random.Random, index: int) -> Site:
    lang = rng.choice(LANGS)
    stem = _word(rng, rng.randint(2, 3))
    domain = f"{stem}{index}.{rng.choice(TLDS[lang])}"
    host = rng.choice(("www.", "", "news.")) + domain
    shares = {
        "header": 1.0 if rng.random() < 0.8 else 0.0,
        "footer": rng.uniform(0.85, 1.0) if rng.random() < 0.9 else 0.0,
        "newsletter": rng.uniform(0.3, 0.7) if rng.random() < 0.5 else 0.0,
        "foreign": rng.uniform(0.5, 1.0) if rng.random() < 0.3 else 0.0,
        "promo": rng.uniform(0.05, 0.2) if rng.random() < 0.3 else 0.0,
        "shared": rng.uniform(0.1, 0.8),
    }
    shared = SHARED[lang][: rng.randint(0, 2)]
    foreign = rng.choice([other for other in SYNDICATION if other != lang])
    return Site(domain, host, lang, stem.capitalize() + " " + str(index), shares, foreign, _word(rng, 4), shared)


def _sentence(rng: random.Random, lang: str) -> str:
    words = rng.choices(WORDS[lang], k=rng.randint(8, 18))
    if lang == "ja":
        return "".join(words) + "。"
    return " ".join(words).capitalize() + "."


def body_paragraph(rng: random.Random, lang: str) -> str:
    glue = "" if lang == "ja" else " "
    return glue.join(_sentence(rng, lang) for _ in range(rng.randint(1, 3)))


def _pitch(rng: random.Random, site: Site) -> tuple[str, str]:
    template, (usual, other) = PITCH[site.lang]
    variant = rng.random() < 0.05
    n = f"{rng.randint(5, 90)},{rng.randint(100, 999)}"
    return template.format(name=site.name, w=other if variant else usual, n=n), "variant" if variant else "newsletter"


class Corpus:
    """The generator's state: sites, their recurring quotes, the pool of wire copy."""

    def __init__(self, docs: int, sites: int, seed: int, exponent: float = 1.1) -> None:
        self.rng = random.Random(seed)
        self.docs = docs
        self.sites = [make_site(self.rng, i) for i in range(sites)]
        self.weights = [1 / (rank + 1) ** exponent for rank in range(sites)]
        self.wire: list[list[Any]] = []  # [paragraph, uses left]

    def records(self) -> Iterator[dict[str, Any]]:
        picks = self.rng.choices(range(len(self.sites)), weights=self.weights, k=self.docs)
        for number, index in enumerate(picks):
            yield self.document(self.sites[index], number)

    def document(self, site: Site, number: int) -> dict[str, Any]:
        rng = self.rng
        top: list[tuple[str, str]] = []
        body: list[tuple[str, str]] = []
        bottom: list[tuple[str, str]] = []
        shares = site.shares
        if rng.random() < shares["header"]:
            date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2015, 2024)}"
            section = rng.choice(SECTIONS[site.lang])
            top.append((HEADER[site.lang].format(name=site.name, section=section, date=date), "header"))
        body += [(body_paragraph(rng, site.lang), "body") for _ in range(rng.randint(3, 8))]
        if rng.random() < 0.15:
            body.insert(rng.randint(1, len(body)), (self._quote(site), "quote"))
        if rng.random() < 0.05:
            body.insert(rng.randint(1, len(body)), (self._wire(), "wire"))
        if rng.random() < 0.02:
            echoed = (
                _pitch(rng, site)[0] if shares["newsletter"] else FOOTER[site.lang].format(year=2020, name=site.name)
            )
            body.insert(
                rng.randint(1, len(body)),
                (f"{body_paragraph(rng, site.lang)} {echoed} {body_paragraph(rng, site.lang)}", "echo"),
            )
        for line in site.shared_lines:
            if rng.random() < shares["shared"]:
                (top if rng.random() < 0.5 else bottom).append((line, "shared"))
        if rng.random() < shares["promo"]:
            bottom.append((PROMO[site.lang].format(topic=site.topic), "promo"))
        if rng.random() < shares["newsletter"]:
            bottom.append(_pitch(rng, site))
        if rng.random() < shares["foreign"]:
            bottom.append((SYNDICATION[site.foreign_lang].format(name=site.name), "foreign"))
        if rng.random() < shares["footer"]:
            bottom.append((FOOTER[site.lang].format(year=rng.randint(2015, 2024), name=site.name), "footer"))
        paragraphs = top + body + bottom
        return {
            "url": f"https://{site.host}/{rng.choice(SECTIONS[site.lang])}/{number}",
            "text": "\n\n".join(text for text, _ in paragraphs),
            "labels": [kind for _, kind in paragraphs],
        }

    def _reuse(self, pool: list[list[Any]], make: Any, uses: tuple[int, int]) -> str:
        """A paragraph of ``pool`` with uses left, or a new one; each use spends one."""
        live = [item for item in pool if item[1] > 0]
        if not live:
            pool[:] = []
            live = [[make(), self.rng.randint(*uses)]]
            pool.append(live[0])
        item = self.rng.choice(live)
        item[1] -= 1
        return str(item[0])

    def _quote(self, site: Site) -> str:
        return self._reuse(site.quotes, lambda: body_paragraph(self.rng, site.lang), (2, 3))

    def _wire(self) -> str:
        return self._reuse(self.wire, lambda: body_paragraph(self.rng, "en"), (3, 8))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--sites", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    args = parser.parse_args(argv)
    corpus = Corpus(args.docs, args.sites, args.seed)
    if args.output == "-":
        write(corpus, sys.stdout)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            write(corpus, out)


def write(corpus: Corpus, out: TextIO) -> None:
    for record in corpus.records():
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
