"""The demo program, taken from the article about the first BJIFF TALENTS (shared/seeds).

Only what the article says is stated about the real people in it: names, roles, films and what
they said of their work. No birth years, hometowns or other personal facts are invented.
Chinese titles and names the article does not give are this project's translations: each such
value is listed in PROJECT_TRANSLATIONS and flagged `translated` below.

The second cohort ("demo") is fictional, to show a cohort in training with milestones under way.
"""

ARTICLE = "Planting Seeds and Looking Forward to Sprout: BJIFF TALENTS Concludes"

PROGRAM = {
    "slug": "bjiff-talents",
    "name_en": "BJIFF TALENTS",
    "name_zh": "北京国际电影节短片创投训练营",  # translated
    "organiser_en": "Beijing International Film Festival – Beijing Film Market",
    "organiser_zh": "北京国际电影节·北京市场",
    "description_en": (
        "A Chinese-language short film training program for excellent young filmmakers, helping "
        "them go from screenwriting to filmmaking. With the help and leadership of the coaching "
        "panel and producers, it supports young filmmakers through an intensive creation + "
        "production coaching program."
    ),
    "description_zh": (
        "面向优秀青年电影人的华语短片创作训练计划，帮助他们完成从剧本写作到电影拍摄的全过程。"
        "在导师团和监制的带领下，以“创作+制作”的密集训练扶持青年电影人。"
    ),  # translated
}

COHORT_2021 = {
    "slug": "11th-bjiff",
    "edition_en": "11th BJIFF",
    "edition_zh": "第十一届北京国际电影节",
    "year": 2021,
    # Program dates are illustrative: the article says "half a year of training".
    "training_start": "2021-03-01",
    "training_end": "2021-08-31",
    "premiere_date": "2021-09-25",
    "status": "premiered",
}

PARTNERS = [
    (
        "cinerent",
        "CINERENT",
        "equipment",
        "Shooting equipment for the short films",
        "短片拍摄器材支持",
    ),
    ("soundfirm", "SOUNDFIRM", "sound", "Post-production sound", "后期声音制作服务"),
    (
        "image-forestt",
        "Image Forestt",
        "di_grading",
        "Post-production DI grading",
        "后期调色（DI）支持",
    ),
    (
        "hao-vision",
        "Hao Vision",
        "data_management",
        "Post-production coordination and data management",
        "后期统筹与数据管理服务",
    ),
    (
        "universal-production-music",
        "Universal Production Music",
        "music_licensing",
        "Music copyright, free of charge",
        "免费音乐版权支持",
    ),
]

MENTORS = [
    # slug, Latin name, original-script name, translated?, title en, title zh
    ("leste-chen", "Leste Chen", "陈正道", False, "Supervisor of the coaching panel", "导师团监督"),
    ("chen-caiyun", "Chen Caiyun", "陈彩云", True, "Curator", "策展人"),
    ("yang-cheng", "Yang Cheng", "杨城", True, "Producer", "监制"),
    ("chen-jie", "Chen Jie", "陈洁", True, "Producer", "监制"),
    ("fu-jia", "Fu Jia", "付佳", True, "Producer", "监制"),
]

# What the article quotes of each producer, as their bio.
MENTOR_BIOS = {
    "leste-chen": "Supervisor of the BJIFF TALENTS coaching panel, present at the premiere. He "
    "sees the program's most special part in differentiation and diversification: every short "
    "film narrating a story, characters or emotions is a seed.",
    "chen-caiyun": "Curator of BJIFF TALENTS: the program wants to try something different and "
    "let young directors experience an industrialised process to prepare for feature films.",
    "yang-cheng": "Producer of The Cage. Believes a successful director must also be a good "
    "writer and a good producer: learn to enlist the help of others, and be independent.",
    "chen-jie": "Producer of The Tiger Within. Watching the films again on the big screen "
    "corrected her awe of it: it has its own demands for light and shadow, structure, details "
    "and acting.",
    "fu-jia": "Producer of Lausanne: \u201csmall as it is, the sparrow has all the vital organs\u201d "
    "— a short film is as difficult as a feature.",
}

FILMS = [
    {
        "slug": "the-cage",
        "title_en": "The Cage",
        "title_zh": "笼",  # translated
        "director": ("chen-linpeng", "Chen Linpeng", "陈林鹏"),  # translated
        "producer": "yang-cheng",
        "genre": "drama",
        "logline_en": "On a jubilant New Year's Eve, a Beijing drifter is trapped in her bathroom "
        "with only an AI-enabled device to talk to.",
        "logline_zh": "欢庆的跨年夜，一位北漂女孩被困在家中的浴室里，唯一能与她交流的只有一台智能设备。",
        "synopsis_en": "On the jubilant New Year's Eve, the heroine, a Beijing drifter, is trapped "
        "in the bathroom at home and there is only the AI-enabled device that communicates with "
        "her. After coming across a painful dilemma, she sets out again in a new year. Based on a "
        "news story, shot in a single space of four square meters, the film explores the true "
        "and primitive desire for life after despair, loneliness and fear.",
        "synopsis_zh": "欢庆的跨年夜，身为北漂的女主人公被困在家中的浴室，只有一台智能设备与她对话。"
        "经历痛苦的两难之后，她在新的一年重新出发。影片改编自真实新闻，在四平方米的单一空间内拍摄，"
        "探讨人在经历绝望、孤独与恐惧之后对生命最真实、最原始的渴望。",
        "director_bio_en": "Directed The Cage in BJIFF TALENTS after being greatly touched by a "
        "news story; he took on the challenge of shooting in a single space of 4 square meters.",
        "director_bio_zh": "在训练营中执导《笼》。受一则新闻触动，挑战在四平方米的单一空间内完成拍摄。",
    },
    {
        "slug": "angle",
        "title_en": "Angle",
        "title_zh": "角度",  # translated
        "director": ("chen-yujia", "Chen Yujia", "陈宇佳"),  # translated
        "producer": None,
        "genre": "thriller",
        "logline_en": "In an \u201cinterview\u201d, a reporter he once photographed in secret "
        "questions a celebrated feminist writer and exposes him.",
        "logline_zh": "一场“采访”中，曾被他偷拍的女记者步步追问一位以女性主义著称的作家，揭开他的恶行。",
        "synopsis_en": "Anyang has a dual identity: a successful writer labeled with feminism, and "
        "a candid camera addict. In an \u201cinterview\u201d, a female reporter who was once "
        "photographed secretly by Anyang closely questions him and exposes his evil deeds.",
        "synopsis_zh": "安阳拥有双重身份：贴着女性主义标签的成功作家，以及偷拍成瘾者。"
        "在一次“采访”中，曾被他偷拍的女记者步步紧逼，揭露了他的恶行。",
        "director_bio_en": "The youngest director of the first BJIFF TALENTS. In Angle he tried "
        "for the first time to portray a female subject from a male perspective.",
        "director_bio_zh": "首届训练营中最年轻的导演。在《角度》中首次尝试以男性视角刻画女性主体。",
    },
    {
        "slug": "the-tiger-within",
        "title_en": "The Tiger Within",
        "title_zh": "虎",  # translated
        "director": ("huang-xiaopeng", "Huang Xiaopeng", "黄小鹏"),  # translated
        "producer": "chen-jie",
        "genre": "comedy",
        "logline_en": "A real estate salesperson paralysed by the \u201c996\u201d schedule becomes "
        "a tiger-like man and rises up to resist.",
        "logline_zh": "被“996”磨平的房产销售，在调查“虎人”时受到感召，化身虎人奋起反抗。",
        "synopsis_en": "A real estate salesperson is gradually paralyzed in his life by a "
        "\u201c996\u201d work schedule \u2013 9 a.m. to 9 p.m., six days a week. Investigating "
        "the tiger-like people, he is inspired by their rebellious spirit, becomes a tiger-like "
        "man and rises up to resist.",
        "synopsis_zh": "一位房产销售在“996”的工作节奏中逐渐麻木。在调查“虎人”的过程中，"
        "他被其反叛精神所感召，化身虎人，奋起反抗。",
        "director_bio_en": "Drew on his own office experience for The Tiger Within; he calls "
        "BJIFF TALENTS a place where trial and error is allowed.",
        "director_bio_zh": "以自己的职场经历创作《虎》，认为训练营是一个允许试错的地方。",
    },
    {
        "slug": "lausanne",
        "title_en": "Lausanne",
        "title_zh": "洛桑",  # translated
        "director": ("zhou-jinghao", "Zhou Jinghao", "周靖皓"),  # translated
        "producer": "fu-jia",
        "genre": "drama",
        "logline_en": "Two ballet girls from different worlds compete for a place at the "
        "\u201cLausanne\u201d competition, lose their friendship, and find it again.",
        "logline_zh": "两个家境悬殊的芭蕾女孩争夺“洛桑”比赛资格，失去友谊，又重新找回。",
        "synopsis_en": "Two ballet girls from materially different backgrounds compete for the "
        "qualification of the world competition called \u201cLausanne\u201d. Under the "
        "pressure of their own mothers, they lose their friendship, while becoming each other's "
        "spiritual strength. In the end, they regain it.",
        "synopsis_zh": "两个物质条件悬殊的芭蕾女孩争夺世界级比赛“洛桑”的资格。在各自母亲的压力下，"
        "她们失去了友谊，却也成为彼此的精神力量，最终重拾友情。",
        "director_bio_en": "The only director with an interdisciplinary background in BJIFF "
        "TALENTS; he chose ballet, with its beauty, rigour and cruelty, to reflect on mothers, "
        "daughters and childhood friendship.",
        "director_bio_zh": "训练营中唯一具有跨学科背景的导演，以芭蕾为载体，探讨母女关系与童年友谊。",
        "background_en": "Interdisciplinary",
        "background_zh": "跨学科背景",
    },
]

# The production pipeline: (name en, name zh, kind, days after training start, gates).
MILESTONES = [
    ("Treatment", "故事大纲", "document", 14, ""),
    ("Screenplay, first draft", "剧本初稿", "document", 35, ""),
    ("Screenplay, final draft", "剧本定稿", "document", 56, ""),
    ("Shooting plan and budget", "拍摄计划与预算", "document", 70, ""),
    ("Rough cut", "粗剪", "video_link", 110, ""),
    ("Picture lock", "定剪", "video_link", 130, ""),
    ("Sound mix", "混音", "video_link", 145, ""),
    ("DI grade", "调色", "video_link", 150, ""),
    ("Music cue sheet and licence", "音乐使用清单与授权", "document", 152, "screening"),
    ("Subtitles (Chinese and English)", "中英文字幕", "document", 158, "screening"),
    (
        "Final master and screening copy (DCP)",
        "成片母版与放映拷贝（DCP）",
        "video_link",
        165,
        "screening",
    ),
    ("Streaming master", "流媒体母版", "video_link", 170, "screening"),
    ("Poster and stills", "海报与剧照", "image", 172, "publishing"),
]

# Fictional: a cohort in training, to show milestones under way.
DEMO_COHORT = {
    "slug": "demo-cohort",
    "edition_en": "Demo cohort (fictional)",
    "edition_zh": "演示届（虚构）",
    "status": "training",
}
DEMO_FILMS = [
    (
        "paper-moon",
        "Paper Moon",
        "纸月亮",
        "demo-director-lin",
        "Lin Xia",
        "林夏",
        "science_fiction",
        "A girl builds a moon out of her late father's letters.",
        "女孩用亡父的信件做了一轮月亮。",
    ),
    (
        "night-bus",
        "Night Bus",
        "夜班车",
        "demo-director-he",
        "He Yuan",
        "何远",
        "drama",
        "The last bus of the night, and a driver who will not stop.",
        "末班车上，司机不肯停车。",
    ),
    (
        "salt",
        "Salt",
        "盐",
        "demo-director-song",
        "Song Qiao",
        "宋乔",
        "documentary",
        "Three generations of a salt-farming family on the Bohai coast.",
        "渤海湾边，晒盐人家的三代人。",
    ),
]

DEMO_PASSWORD = "talents-demo-2026"  # noqa: S105 - printed on purpose: demo logins only.
