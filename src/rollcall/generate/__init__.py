"""Generated, clearly fictional evidence corpora for building and measuring Rollcall.

Nobody may put real victims' data in a repository, so every part of Rollcall is built and measured
against data made here: leaked-style registers in Chinese, relatives' testimonies in English spellings,
a list in Uyghur Arabic script and a few PDF documents, plus `truth.csv` saying which fictional person
each record belongs to. Every file says it is fictional. Pure library: no Django.

Entry point: `rollcall.generate.corpus.generate_corpus`.
"""

from rollcall.generate.notice import NOTICE, NOTICE_UG, NOTICE_ZH

__all__ = ["NOTICE", "NOTICE_UG", "NOTICE_ZH"]
