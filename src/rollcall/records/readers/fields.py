"""Canonical fields of a record, and recognition of column headers in Chinese, Uyghur and English.

A header is recognised by its words, never by the values under it. Recognition is deliberately
conservative: a header nobody listed stays unrecognised and its cells are kept as raw statements.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# field -> what it means (shown in docs/ingest-formats.md and by `require_known_field` errors)
FIELD_MEANINGS: dict[str, str] = {
    "name": "the person's name as written (any script)",
    "other_names": "other names, aliases, or the name in another script or spelling",
    "sex": "sex or gender as written",
    "ethnicity": "ethnic group (民族), e.g. Uyghur, Kazakh",
    "birth_date": "date or year of birth",
    "age": "age as written (a number or a phrase like 'in his 40s')",
    "id_number": "resident identity card number",
    "household_address": "household registration (户籍) address or hometown",
    "current_address": "address where the person lives or lived",
    "phone": "telephone number",
    "occupation": "occupation, job, work unit or position",
    "detention_start": "date detention began (detained, arrested, taken to a camp)",
    "detention_end": "date detention ended (released)",
    "facility": "the place of detention (camp, detention centre, prison)",
    "detention_status": "status or type of detention as written (in custody, released, sentenced...)",
    "reason": "reason or charge given for the detention",
    "sentence": "sentence or prison term",
    "notes": "free-text remarks",
    "relation": "relation to another person (father of, wife of...)",
    "father_name": "father's name (Uyghur names carry the father's given name)",
    "mother_name": "mother's name",
    "birth_place": "place of birth or ancestral home (籍贯)",
    "place": "a place the record is about: county, town, village, prefecture",
    "nationality": "citizenship (国籍); Chinese forms' 民族 is ethnicity, not this",
    "education": "level of education",
    "religion_practice": "religious practice as written in the source record",
    "marital_status": "marital status",
    "facility_type": "kind of facility (camp, detention centre, prison) or a dataset's tier",
    "last_contact": "when the family last heard from the person, as written",
    "recorded_at": "when the record or testimony was made (the date ages in it refer to)",
    "testifier_name": "the name of the person giving the testimony (sensitive: never public)",
    "testifier_relation": "the testifier's relation to the person testified about",
    "testifier_contact": "the testifier's phone, e-mail or address (sensitive: never public)",
    "testifier_country": "the country the testifier lives in",
    "latitude": "latitude in decimal degrees",
    "longitude": "longitude in decimal degrees",
}

CANONICAL_FIELDS: tuple[str, ...] = tuple(FIELD_MEANINGS)

# Header words per field, in Chinese (simplified and traditional), Uyghur Arabic script, Uyghur Latin (ULY)
# and English. Matching is on a normalised form (see `normalise_header`).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": (
        "姓名", "名字", "人员姓名", "被羁押人姓名", "被羁押人员姓名", "中文姓名", "汉文姓名", "姓 名",
        "ئىسمى", "ئىسىم", "ئىسمى فامىلىسى", "ئىسىم فامىلە", "ئاتى",
        "ismi", "isim", "isim familisi", "ismi familisi",
        "name", "full name", "person", "person name", "victim", "victim name", "name of person",
        "detainee", "detainee name",
    ),
    "other_names": (
        "曾用名", "别名", "別名", "其他姓名", "维文名", "维文姓名", "维吾尔文姓名", "拼音", "拼音姓名", "英文名",
        "英文姓名", "小名",
        "باشقا ئىسمى", "تەخەللۇسى", "لەقىمى", "ئۇيغۇرچە ئىسمى",
        "bashqa ismi", "texellusi", "leqimi", "uyghurche ismi",
        "other names", "other name", "alias", "aliases", "also known as", "aka", "alternative names",
        "alternative name", "name in latin", "latin name", "uyghur name", "english name", "pinyin",
        "passport name", "passport_name", "护照姓名", "pasport ismi",
    ),
    "sex": ("性别", "性別", "جىنسى", "جىنس", "jinsi", "jins", "sex", "gender"),
    "ethnicity": (
        "民族", "族别", "族別", "مىللىتى", "مىللەت", "milliti", "millet",
        "ethnicity", "ethnic group", "ethnic", "ethnic origin",
    ),
    "birth_date": (
        "出生日期", "出生年月", "出生年月日", "出生时间", "出生年份", "生日", "出生",
        "تۇغۇلغان ۋاقتى", "تۇغۇلغان يىلى", "تۇغۇلغان كۈنى", "تۇغۇلغان ۋاقىت", "تۇغۇلغان چېسلاسى",
        "tughulghan waqti", "tughulghan yili", "tughulghan küni", "tughulghan waqit",
        "date of birth", "birth date", "birthdate", "dob", "born", "birthday", "year of birth", "birth year",
    ),
    "age": ("年龄", "年齡", "岁数", "يېشى", "ياش", "yéshi", "yeshi", "yash", "age"),
    "id_number": (
        "身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "身份號碼", "身份证件号码", "证件号码",
        "证件号", "身份号码",
        "كىملىك نومۇرى", "كىملىك", "kimlik nomuri", "kimlik",
        "id number", "id no", "id card", "id card number", "national id", "resident id", "resident id number",
        "identity card number", "identity number", "citizen id",
    ),
    "household_address": (
        "户籍地址", "户籍地", "户籍所在地", "户口所在地", "户口地址", "户籍", "户口", "戶籍地址",
        "نوپۇس ئادرېسى", "نوپۇس", "نوپۇس تۇرىدىغان جاي", "nopus adrési", "nopus",
        "household registration", "household registration address", "household address", "hukou",
        "registered address", "registered residence",
    ),
    "current_address": (
        "现住址", "现住地址", "现居住地", "现居住地址", "住址", "居住地址", "居住地", "家庭住址", "地址", "家庭地址",
        "ئادرېسى", "ئادرېس", "ھازىرقى ئادرېسى", "تۇرۇشلۇق ئادرېسى", "ئۆي ئادرېسى",
        "adrési", "adres", "hazirqi adrési", "turushluq adrési",
        "address", "current address", "residence", "place of residence", "home address", "lives in",
    ),
    "phone": (
        "电话", "联系电话", "手机", "手机号", "手机号码", "电话号码", "联系方式", "電話",
        "تېلېفون", "تېلېفون نومۇرى", "يانفون", "téléfon", "telefon", "téléfon nomuri", "yanfon",
        "phone", "telephone", "mobile", "tel", "phone number", "mobile number", "contact number",
    ),
    "occupation": (
        "职业", "職業", "工作", "工作单位", "单位", "职务", "工作单位及职务",
        "كەسپى", "خىزمىتى", "خىزمەت ئورنى", "kespi", "xizmiti", "xizmet orni",
        "occupation", "profession", "job", "work", "employer", "position", "work unit",
    ),
    "detention_start": (
        "羁押时间", "羁押开始时间", "羁押日期", "入所时间", "入所日期", "收押时间", "收押日期", "关押时间",
        "被抓时间", "抓捕时间", "拘留时间", "收教时间", "送教时间", "入学时间", "收治时间", "被捕时间", "逮捕时间",
        "تۇتۇلغان ۋاقتى", "قولغا ئېلىنغان ۋاقتى", "tutulghan waqti", "qolgha élin'ghan waqti",
        "detained", "date detained", "detention date", "detention start", "date of detention", "arrested",
        "date of arrest", "arrest date", "detained on", "detained since", "date taken",
        "拘留日期", "拘留时间", "被抓时间", "抓捕日期", "抓捕时间", "تۇتۇلغان يىلى",
        "تۇتۇلغان ۋاقتى", "tutulghan yili", "tutulghan waqti", "year detained", "date detained", "when detained",
    ),
    "detention_end": (
        "释放时间", "释放日期", "出所时间", "出所日期", "结业时间", "解除时间", "羁押结束时间", "解教时间",
        "قويۇپ بېرىلگەن ۋاقتى", "qoyup bérilgen waqti",
        "released", "release date", "date released", "date of release", "detention end", "released on",
    ),
    "facility": (
        "羁押场所", "关押地点", "关押场所", "羁押地点", "所在场所", "监所", "羁押单位", "收押场所", "关押单位",
        "培训中心", "教培中心", "所在监所", "羁押地",
        "لاگېر", "تۇتۇپ تۇرۇلغان جاي", "قاماقخانا", "lagér", "lager", "qamaqxana",
        "facility", "camp", "detention facility", "prison", "place of detention", "held at", "held in",
        "detention centre", "detention center", "location of detention",
    ),
    "detention_status": (
        "状态", "现状", "羁押状态", "人员状态", "处理情况", "处置情况", "人员类别", "羁押类型", "收押类型", "类别",
        "处理结果", "现实表现",
        "ھالىتى", "ئەھۋالى", "ھازىرقى ئەھۋالى", "haliti", "ehwali", "hazirqi ehwali",
        "status", "detention status", "detention type", "type of detention", "current status", "situation",
        "关押类型", "羁押类型", "处理类型", "处置情况",
    ),
    "reason": (
        "原因", "羁押原因", "关押原因", "收押原因", "收教原因", "理由", "事由", "案由", "罪名", "主要问题", "问题",
        "سەۋەبى", "تۇتۇلۇش سەۋەبى", "سەۋەب", "sewebi", "tutulush sewebi", "seweb",
        "reason", "reason for detention", "reasons", "charge", "charges", "grounds", "accusation", "crime",
    ),
    "sentence": (
        "刑期", "判刑", "判决", "判決", "刑罚", "判处", "判刑情况", "刑期起止",
        "كېسىلگەن جازا", "جازا مۇددىتى", "قاماق جازاسى", "جازا", "késilgen jaza", "jaza muddéti", "jaza",
        "sentence", "sentence length", "prison term", "sentenced to", "term",
    ),
    "notes": (
        "备注", "備註", "说明", "其他", "附注", "补充", "备注说明",
        "ئىزاھات", "ئىزاھ", "ئەسكەرتىش", "izahat", "izah", "eskertish",
        "notes", "note", "remarks", "remark", "comments", "comment", "other information", "details",
        "what happened", "事情经过",
    ),
    "relation": (
        "关系", "与本人关系", "亲属关系", "家庭关系", "与户主关系", "称谓", "關係",
        "تۇغقاندارچىلىق مۇناسىۋىتى", "مۇناسىۋىتى", "مۇناسىۋەت", "tughqandarchiliq munasiwiti", "munasiwiti",
        "relation", "relationship", "relation to", "relative of", "kinship", "relationship to",
        "家庭成员", "家庭成员关系",
    ),
    "father_name": (
        "父亲姓名", "父亲", "父名", "父親", "دادىسىنىڭ ئىسمى", "ئاتىسىنىڭ ئىسمى", "دادىسى",
        "dadisining ismi", "atisining ismi", "dadisi", "father", "father's name", "fathers name", "father name",
        "patronymic",
    ),
    "mother_name": (
        "母亲姓名", "母亲", "母親", "ئانىسىنىڭ ئىسمى", "ئانىسى", "anisining ismi", "anisi",
        "mother", "mother's name", "mothers name", "mother name",
    ),
    "birth_place": (
        "出生地", "出生地点", "籍贯", "籍貫", "تۇغۇلغان يېرى", "تۇغۇلغان جاي", "tughulghan yéri", "tughulghan jay",
        "place of birth", "birthplace", "birth place", "born in",
        "يۇرتى", "yurti", "hometown", "home town",
    ),
    "place": (
        "地区", "县", "县市", "乡镇", "村", "所在地区", "地点", "位置", "所在地", "州", "城市",
        "ناھىيە", "يېزا", "كەنت", "رايون", "ۋىلايەت", "شەھەر", "nahiye", "yéza", "kent", "rayon", "wilayet",
        "sheher", "place", "location", "county", "prefecture", "town", "village", "region", "city",
        "township",
    ),
    "nationality": ("国籍", "國籍", "دۆلەت تەۋەلىكى", "döwlet tewelliki", "nationality", "citizenship"),
    "education": (
        "文化程度", "学历", "學歷", "教育程度", "مائارىپ سەۋىيىسى", "مەدەنىيەت سەۋىيىسى", "maarip sewiyisi",
        "education", "education level", "schooling",
    ),
    "religion_practice": (
        "宗教信仰", "宗教", "宗教情况", "信教情况", "دىنىي ئېتىقادى", "دىنى", "diniy étiqadi",
        "religion", "religious practice", "faith",
    ),
    "marital_status": ("婚姻状况", "婚姻", "نىكاھ ئەھۋالى", "nikah ehwali", "marital status"),
    "facility_type": (
        "场所类型", "设施类型", "场所性质", "facility type", "type of facility", "tier", "facility tier",
    ),
    "last_contact": ("最后联系时间", "最后联系", "last contact", "last_contact", "last heard", "ئاخىرقى ئالاقە"),
    "recorded_at": ("填表日期", "登记日期", "登记时间", "submitted", "date submitted", "date of testimony",
                    "report date", "تولدۇرۇلغان ۋاقتى"),
    "testifier_country": ("country you live in", "where you live now", "your country"),
    "latitude": ("纬度", "lat", "latitude"),
    "longitude": ("经度", "long", "lng", "lon", "longitude"),
}

_DROP = dict.fromkeys(map(ord, "\u0640\u200c\u200d\u200e\u200f\ufeff*:：＊"), None)  # tatweel, joiners, marks
_SEPARATORS = re.compile(r"[\s_\-–—/\\|.·・]+")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# One-word English headers found inside longer headers ("Age at detention"); other single words ("long",
# "county", "term") only match a header that is exactly that word, as they occur in unrelated headers.
_CONTAINABLE = frozenset({
    "name", "sex", "gender", "age", "ethnicity", "phone", "telephone", "occupation", "profession", "address",
    "notes", "remarks", "comments", "facility", "camp", "prison", "reason", "sentence", "relation",
    "relationship", "nationality", "religion", "education", "status", "alias", "aliases", "hometown",
    "birthplace", "birthday", "released", "detained", "arrested", "charges",
    "ئىسمى", "جىنسى", "يېشى", "مىللىتى", "ئىزاھات", "ismi", "jinsi", "yéshi", "milliti", "izahat",
})


def normalise_header(text: str) -> str:
    """The comparable form of a header: NFKC, case-folded, separators as single spaces, marks dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_DROP).casefold()
    text = text.replace("'", "'").replace("’", "'")
    return _SEPARATORS.sub(" ", text).strip()


_EXACT: dict[str, str] = {}
_CJK_WORDS: list[tuple[str, str]] = []    # (word without spaces, field), longest first
_TOKEN_WORDS: list[tuple[tuple[str, ...], str]] = []  # (word tokens, field), most tokens first
for _field, _words in HEADER_WORDS.items():
    for _word in _words:
        _norm = normalise_header(_word)
        _EXACT.setdefault(_norm, _field)
        _EXACT.setdefault(_norm.replace(" ", ""), _field)
        if _CJK.search(_norm):
            if len(_norm.replace(" ", "")) >= 2:
                _CJK_WORDS.append((_norm.replace(" ", ""), _field))
        elif len(_norm.split()) > 1 or _norm in _CONTAINABLE:
            _TOKEN_WORDS.append((tuple(_norm.split()), _field))
_CJK_WORDS.sort(key=lambda pair: -len(pair[0]))
_TOKEN_WORDS.sort(key=lambda pair: (-len(pair[0]), -sum(map(len, pair[0]))))
_LONGEST = max(len(words) for words, _ in _TOKEN_WORDS)


def _recognise_one(text: str) -> str | None:
    norm = normalise_header(text)
    if not norm:
        return None
    for candidate in (norm, _BRACKETED.sub(" ", norm).strip()):
        if candidate in _EXACT:
            return _EXACT[candidate]
        if candidate.replace(" ", "") in _EXACT:
            return _EXACT[candidate.replace(" ", "")]
    if len(norm) > 40:  # a sentence, not a header
        return None
    squeezed = norm.replace(" ", "")
    for word, field in _CJK_WORDS:
        if word in squeezed:
            return field
    tokens = norm.split()
    grams = {tuple(tokens[i:i + n]) for n in range(1, _LONGEST + 1) for i in range(len(tokens) - n + 1)}
    for words, field in _TOKEN_WORDS:
        if words in grams:
            return field
    return None


# Headers about the person giving a testimony rather than the person it is about: their fields are kept
# apart (and never public), so a testifier's name is never taken for the missing person's.
_TESTIFIER_MARKS = ("your ", "testifier", "reporter", "informant", "submitter", "submitted by", "witness",
                    "报告人", "提供人", "填报人", "填表人", "申报人", "证人", "مەلۇمات بەرگۈچى", "گۇۋاھچى")
_TESTIFIER_FIELDS = {"name": "testifier_name", "relation": "testifier_relation", "phone": "testifier_contact",
                     "current_address": "testifier_contact", "household_address": "testifier_contact",
                     "nationality": "testifier_country"}
_TESTIFIER_WORDS = {"contact": "testifier_contact", "email": "testifier_contact", "e-mail": "testifier_contact",
                    "country": "testifier_country", "country you live in": "testifier_country"}


def _testifier_field(header: str) -> str | None:
    norm = normalise_header(header.replace(".", " "))
    if not any(mark in f"{norm} " for mark in _TESTIFIER_MARKS):
        return None
    rest = norm
    for mark in _TESTIFIER_MARKS:
        rest = rest.replace(mark.strip(), " ")
    rest = " ".join(rest.split())
    field = _recognise_one(rest) if rest else "name"
    return _TESTIFIER_FIELDS.get(field or "") or _TESTIFIER_WORDS.get(rest) or (
        "testifier_contact" if any(w in rest for w in ("contact", "phone", "mail", "telegram", "whatsapp"))
        else None)


# Headers about a relative or another person named on the record ("户主姓名", "配偶身份证号", "Father ID
# number"): their cells describe someone else, so they never become the person's own name, ID or dates.
_KIN_FATHER_CJK = ("父亲", "父親")
_KIN_MOTHER_CJK = ("母亲", "母親")
_KIN_OTHER_CJK = ("户主", "戶主", "配偶", "丈夫", "妻子", "儿子", "兒子", "女儿", "女兒", "子女", "亲属", "親屬",
                  "家属", "家屬", "联系人", "聯繫人", "监护人", "監護人", "兄弟", "姐妹", "哥哥", "弟弟", "姐姐",
                  "妹妹", "担保人")
_KIN_FATHER_WORDS = frozenset({"father", "fathers", "dad", "ئاتىسى", "ئاتىسىنىڭ", "دادىسى", "دادىسىنىڭ", "atisi",
                               "atisining", "dadisi", "dadisining"})
_KIN_MOTHER_WORDS = frozenset({"mother", "mothers", "mom", "ئانىسى", "ئانىسىنىڭ", "anisi", "anisining"})
_KIN_OTHER_WORDS = frozenset({
    "spouse", "spouses", "husband", "husbands", "wife", "wifes", "son", "sons", "daughter", "daughters", "child",
    "childs", "children", "childrens", "relative", "relatives", "parent", "parents", "brother", "brothers",
    "sister", "sisters", "sibling", "siblings", "guardian", "guardians", "head", "householder", "emergency",
    "ئايالى", "ئايالىنىڭ", "ئېرى", "ئېرىنىڭ", "ئوغلى", "ئوغلىنىڭ", "قىزى", "قىزىنىڭ", "تۇغقىنى", "تۇغقانلىرى",
    "ayali", "ayalining", "éri", "érining", "oghli", "oghlining", "qizi", "qizining",
})
_OWN_FIELDS_OF_KIN = {"relation": "relation", "father_name": "father_name", "mother_name": "mother_name"}


def _kin(header: str) -> str | None:
    """"father", "mother" or "other" when a header is about someone other than the record's person."""
    norm = normalise_header(header)
    squeezed = norm.replace(" ", "")
    words = {w.removesuffix("'s").removesuffix("s'") for w in norm.split()}
    if any(k in squeezed for k in _KIN_FATHER_CJK) or words & _KIN_FATHER_WORDS:
        return "father"
    if any(k in squeezed for k in _KIN_MOTHER_CJK) or words & _KIN_MOTHER_WORDS:
        return "mother"
    if any(k in squeezed for k in _KIN_OTHER_CJK) or words & _KIN_OTHER_WORDS:
        return "other"
    return None


def _not_about_kin(header: str, field: str | None) -> str | None:
    """The field, unless the header is about a relative: then only a relative's name or a relation maps."""
    if field is None or field in _OWN_FIELDS_OF_KIN:
        return field
    kin = _kin(header)
    if kin is None:
        return field
    if field == "name" and kin in ("father", "mother"):
        return f"{kin}_name"
    if kin == "other" and field in ("household_address", "current_address", "place", "notes"):
        return field  # a household's address (户主住址) is the record's household too; remarks stay remarks
    return None


@lru_cache(maxsize=8192)
def recognise(header: str) -> str | None:
    """The canonical field a column header names, in Chinese, Uyghur (Arabic or Latin script) or English.

    Two header rows joined as "upper / lower" are recognised by the lower part first, then as a whole,
    then by the upper part; a dotted JSON key ("person.name") by its last part first.
    None when the header is not one we know: the column is then kept raw. Headers about the testifier
    ("Your name", "testifier.name", 报告人姓名) map to the testifier_* fields.
    """
    if (testifier := _testifier_field(header)) is not None:
        return testifier
    return _not_about_kin(header, _recognise_parts(header))


def _recognise_parts(header: str) -> str | None:
    if " / " in header:
        upper, _, lower = header.rpartition(" / ")
        return _recognise_one(lower) or _recognise_one(upper + lower) or _recognise_one(upper)
    if "." in header and not _CJK.search(header):
        head, _, last = header.rpartition(".")
        if head and last and not last.isdigit():
            return _recognise_one(last) or _recognise_one(header)
    return _recognise_one(header)
