"""core.collation: names in pinyin order in Chinese, letter by letter (accents and case ignored) in English."""

import pytest
from django.utils import translation

from core.collation import collation_key, sorted_by_name


def test_chinese_names_sort_by_their_pinyin_not_their_code_points():
    names = ["中国", "安道尔", "阿尔巴尼亚", "秘鲁", "北马其顿", "波兰", "爱尔兰", "埃及"]

    ordered = sorted_by_name(names, language="zh-hans")

    # a-er < ai-ji (埃) < ai-er (爱, 4th tone after 1st) < an-dao < bei < bi-lu (秘鲁 reads bì) < bo < zhong
    assert ordered == ["阿尔巴尼亚", "埃及", "爱尔兰", "安道尔", "北马其顿", "秘鲁", "波兰", "中国"]
    assert sorted(names) != ordered  # code point order would be another


def test_chinese_syllables_compare_one_by_one_then_by_tone():
    # ma-li (马里) before ma-shao-er (马绍尔); 马 mǎ before 毛 máo because "ma" < "mao"
    assert sorted_by_name(["毛里求斯", "马绍尔群岛", "马里"], language="zh-hans") == ["马里", "马绍尔群岛", "毛里求斯"]
    # 佛得角 is Fó-dé-jiǎo, between 斐济 (fěi) and 冈比亚 (gāng)
    assert sorted_by_name(["冈比亚", "佛得角", "斐济"], language="zh-hans") == ["斐济", "佛得角", "冈比亚"]


def test_latin_letters_in_a_chinese_name_sort_as_letters_among_the_pinyin():
    names = ["中兴通讯", "IBM中国", "阿里巴巴", "360集团", "百度"]

    assert sorted_by_name(names, language="zh-hans") == ["360集团", "阿里巴巴", "百度", "IBM中国", "中兴通讯"]


def test_english_names_ignore_accents_and_case():
    names = ["Zimbabwe", "Åland Islands", "albania", "Côte d'Ivoire", "Congo", "Curaçao", "Afghanistan"]

    assert sorted_by_name(names, language="en") == [
        "Afghanistan", "Åland Islands", "albania", "Congo", "Côte d'Ivoire", "Curaçao", "Zimbabwe",
    ]


@pytest.mark.parametrize(("language", "first"), [("zh-hans", "阿联酋"), ("en", "中国")])
def test_the_key_follows_the_active_language(language, first):
    with translation.override(language):
        assert min(["中国", "阿联酋"], key=collation_key) == first
