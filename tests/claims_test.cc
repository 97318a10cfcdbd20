// The claims stage on sentences written for these tests: speakers,
// chains, relation sides, polarity, claimants, place and date. Relations are
// the hand-written rules' (RulesEngine): the learned detector reads their
// verdicts as features, and tests/learned_claims_test.cc tests it.
#include <string>

#include "isnad/claims/event_dates.h"
#include "isnad/document/dates.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::TestEngine;

Document Analyze(const std::string& body, const std::string& date_line = "2015-08-06") {
  RawReport raw;
  raw.id = "t";
  raw.text = "عنوان\n" + date_line + "\n" + body;
  Document doc;
  testing::RulesEngine().Analyze(std::move(raw), doc);
  return doc;
}

std::string KeyOf(const Document& doc, int entity) { return entity >= 0 ? doc.entities[entity].key : "-"; }
std::string Text(const Document& doc, Span s) { return doc.text.substr(s.begin, s.end - s.begin); }

// Whether the content of quote i begins with (at_start) or holds `words`;
// the content is in the message when it does not.
::testing::AssertionResult QuoteSays(const Document& doc, size_t i, const std::string& words, bool at_start = false) {
  if (i >= doc.quotes.size()) return ::testing::AssertionFailure() << "no quote " << i;
  const std::string content = Text(doc, doc.quotes[i].content);
  const size_t at = content.find(words);
  if (at_start ? at == 0 : at != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "quote " << i << " says: " << content;
}

const Relation* Find(const Document& doc, const std::string& source, PloverType type, const std::string& target) {
  for (const auto& r : doc.relations)
    if (KeyOf(doc, r.source) == source && r.type == type && KeyOf(doc, r.target) == target) return &r;
  return nullptr;
}

// Whether `type` ties `x` and `y` in both directions (a mutual relation).
::testing::AssertionResult TiesBothWays(const Document& doc, const std::string& x, PloverType type,
                                        const std::string& y) {
  for (const auto& [from, to] : {std::pair{x, y}, std::pair{y, x}})
    if (Find(doc, from, type, to) == nullptr)
      return ::testing::AssertionFailure() << "no " << PloverTypeName(type) << " " << from << " -> " << to;
  return ::testing::AssertionSuccess();
}

// Is there a relation of `type` whose source key is `source` ("" for any)
// and target key is `target` ("" for any)?
bool AnyRelation(const Document& doc, PloverType type, const std::string& source, const std::string& target) {
  for (const auto& r : doc.relations)
    if (r.type == type && (source.empty() || KeyOf(doc, r.source) == source) &&
        (target.empty() || KeyOf(doc, r.target) == target))
      return true;
  return false;
}

TEST(Quotes, NamedSpeakerAfterTheVerb) {
  Document doc = Analyze("قال وزير الخارجية الأمريكي جون كيري إن الولايات المتحدة ستدعم المعارضة.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  const Quote& q = doc.quotes[0];
  EXPECT_EQ(KeyOf(doc, q.speaker), "per:kerry");
  EXPECT_EQ(Text(doc, q.cue), "قال");
  EXPECT_EQ(Text(doc, q.content).rfind("الولايات المتحدة ستدعم", 0), 0u) << Text(doc, q.content);
}

TEST(Quotes, ANameWhoseFirstLettersLookLikeACliticIsTheSpeaker) {
  // Written for this test: "Ban Ki-moon said that ...": bi-an is "that"
  // elsewhere (akkada bi-an), not here, where it begins the name.
  Document ban = Analyze("وقال بان كي مون إن الأمم المتحدة تدعم الحوار.");
  ASSERT_EQ(ban.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(ban, ban.quotes[0].speaker), "per:ban_ki_moon");
  EXPECT_TRUE(QuoteSays(ban, 0, "الأمم المتحدة تدعم الحوار", true));
  Document that = Analyze("وأكد وزير الخارجية الأمريكي جون كيري بان المفاوضات مستمرة.");
  ASSERT_EQ(that.quotes.size(), 1u);
  EXPECT_TRUE(QuoteSays(that, 0, "المفاوضات مستمرة", true));
}

TEST(Quotes, TheContentStartsAtTheOpenerPastALongApposition) {
  Document doc = Analyze(
      "وقال رحمة الله يوسف زائي الخبير الباكستاني في شؤون طالبان لوكالة «الصحافة الفرنسية» إن «الحركة ستنقسم قريبا».");
  ASSERT_GE(doc.quotes.size(), 1u);
  EXPECT_EQ(Text(doc, doc.quotes[0].content).find("الخبير"), std::string::npos) << Text(doc, doc.quotes[0].content);
  EXPECT_NE(Text(doc, doc.quotes[0].content).find("الحركة ستنقسم"), std::string::npos);
}

TEST(Quotes, AVisitBeforeTheOpenerIsTheOccasionNotTheContent) {
  // "Kerry said during his visit to Egypt that the talks will go on": the
  // visit is told by the report, not said by Kerry.
  Document doc = Analyze("وقال وزير الخارجية الأمريكي جون كيري خلال زيارته إلى مصر إن المفاوضات ستستمر.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_TRUE(QuoteSays(doc, 0, "المفاوضات ستستمر", true));
  const Relation* visit = Find(doc, "per:kerry", PloverType::kConsult, "country:EGY");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->polarity, Polarity::kAsserted);
}

TEST(Quotes, NoSpeakerAfterAPrepositionOrAnotherReportingWord) {
  // "He added, during a visit to Malaysia, that ...": Malaysia is where he
  // went; the minister quoted before goes on speaking.
  Document visit = Analyze(
      "وقال وزير الخارجية الأمريكي جون كيري إن المفاوضات مستمرة. وأضاف خلال زيارة إلى ماليزيا أن واشنطن لن تتراجع.");
  ASSERT_EQ(visit.quotes.size(), 2u);
  EXPECT_EQ(KeyOf(visit, visit.quotes[1].speaker), "per:kerry");
  // "The statement confirmed, before the Egyptian government announced the
  // results, that ...": the government announced; it did not confirm.
  Document aside = Analyze("وأكد البيان، قبل إعلان الحكومة المصرية نتائج التحقيق، أن الانتخابات مزورة.");
  ASSERT_GE(aside.quotes.size(), 1u);
  for (const Quote& q : aside.quotes) {
    ASSERT_EQ(Text(aside, q.cue), "وأكد");
    if (q.speaker >= 0) {
      EXPECT_NE(aside.entities[q.speaker].name, "الحكومة المصرية");
    }
  }
}

TEST(Quotes, WordsRunOnPastASplitAtLakin) {
  // Written for this test, without punctuation: the text stage splits the
  // run at lakin "but", and the minister's words go on after it.
  Document doc = Analyze(
      "ولفت وزير الخارجية الأمريكي جون كيري إلى أن الضمانات كانت تتسم بالغموض في الفترة السابقة لكن التطورات "
      "الأخيرة غيرت الموقف بالكامل وأعادت الثقة بين البلدين");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_TRUE(QuoteSays(doc, 0, "أعادت الثقة"));
  // A full stop ends them.
  Document stop = Analyze("ولفت وزير الخارجية الأمريكي جون كيري إلى أن الضمانات كانت غامضة. لكن المعارضة رفضت الاتفاق.");
  ASSERT_GE(stop.quotes.size(), 1u);
  EXPECT_FALSE(QuoteSays(stop, 0, "المعارضة"));
}

TEST(Quotes, ProtestersWhoCallForSomethingAreItsSpeaker) {
  // "The sit-in protesters called for the killer's execution": al-mu'tasimun
  // is also a protest trigger, but the entity rules name it a collective.
  Document doc = Analyze("ودعا المعتصمون إلى إعدام القاتل.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  ASSERT_GE(doc.quotes[0].speaker, 0);
  EXPECT_EQ(doc.entities[doc.quotes[0].speaker].name, "المعتصمون");
  EXPECT_TRUE(QuoteSays(doc, 0, "إعدام القاتل", true));
}

TEST(Quotes, BiHasabInsideTheClaimTakesTheLongerSide) {
  // "The clashes, according to Abd al-Rahman, killed 10 ISIS members and 18
  // fighters of the factions": what the source counts follows it.
  Document doc = Analyze("وتسببت الاشتباكات وفق رامي عبد الرحمن بمقتل 10 عناصر من التنظيم و18 مقاتلا من الفصائل في ريف حلب.");
  ASSERT_GE(doc.quotes.size(), 1u);
  EXPECT_NE(Text(doc, doc.quotes[0].content).find("بمقتل 10 عناصر"), std::string::npos) << Text(doc, doc.quotes[0].content);
  // At the end of the sentence the claim is before it.
  Document end = Analyze("وقتل 15 شخصا في قصف على مدينة حلب أمس بحسب المرصد السوري لحقوق الإنسان.");
  ASSERT_GE(end.quotes.size(), 1u);
  EXPECT_NE(Text(end, end.quotes[0].content).find("قصف على مدينة حلب"), std::string::npos);
}

TEST(Quotes, SpeakerSetOffByCommas) {
  Document doc = Analyze("قال وزير الخارجية الأمريكي، جون كيري، إن المفاوضات ستستمر.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "per:kerry");
}

TEST(Quotes, TheOfficeHolderSpeaksNotTheOrganizationInTheTitle) {
  Document doc = Analyze("وقال رئيس حركة حماس إسماعيل هنية إن الحصار يجب أن ينتهي.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "per:haniyeh");
}

TEST(Quotes, ASpokesmanAfterAdverbialsAndItsAccusation) {
  Document doc = Analyze("وأكد على ذلك أيضا المتحدث باسم حلف الناتو، في بيان، أن روسيا قصفت مواقع المعارضة.");
  ASSERT_GE(doc.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "intl:nato");
  // Alleging an attack by Russia is accusing Russia.
  EXPECT_NE(Find(doc, "intl:nato", PloverType::kAccuse, "country:RUS"), nullptr);
}

TEST(Quotes, UnnamedSourcesHaveNoSpeaker) {
  Document doc = Analyze("وقالت مصادر محلية إن الاشتباكات تجددت في المدينة.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker, -1);
  EXPECT_EQ(Text(doc, doc.quotes[0].speaker_span), "مصادر");
}

TEST(Quotes, AContinuingVerbKeepsTheSpeaker) {
  Document doc = Analyze("قال جون كيري إن المفاوضات ستستمر. وأضاف أن الحل السياسي هو الوحيد الممكن.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[1].speaker), "per:kerry");
}

TEST(Quotes, AVerbInATimeClauseSaysWhatTheMainClausesSubjectSaid) {
  // "ISIS exposed part of the deal after it announced in a statement that
  // its withdrawal ...": the announcement is ISIS's.
  Document after = Analyze(
      "وكان تنظيم داعش فضح بعضا من الاتفاق بعد أن أعلن في بيان على الإنترنت أن انسحابه جاء بعد هجمات خصومه.");
  ASSERT_EQ(after.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(after, after.quotes[0].speaker), "group:isis");
  // "Kerry surprised the journalists when he said ...".
  Document when = Analyze("وفاجأ جون كيري الصحفيين عندما قال إن الاتفاق بات قريبا.");
  ASSERT_EQ(when.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(when, when.quotes[0].speaker), "per:kerry");
  // After a comma the main clause is another's: no speaker is guessed.
  Document comma = Analyze("وتحدث الوزير عن الأزمة مع جون كيري في جنيف العام الماضي، عندما قال إن الحل قريب.");
  for (const auto& q : comma.quotes) EXPECT_NE(KeyOf(comma, q.speaker), "per:kerry");
}

TEST(Quotes, AnOutletInQuotationMarksAfterLiStandsBeforeTheSpeaker) {
  // "Kerry told Asharq al-Awsat that ...": the outlet is whom it was said to.
  Document doc = Analyze("وقال لـ«الشرق الأوسط» جون كيري إن الاتفاق بات قريبا.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "per:kerry");
  EXPECT_TRUE(QuoteSays(doc, 0, "الاتفاق", true));
}

TEST(Quotes, AsXSaysAfterACommaAttributesTheClauseBefore) {
  // "Dozens of lorries cross the border every day, as Kerry says."
  Document as = Analyze("وتعبر عشرات الشاحنات الحدود يوميا، كما يقول جون كيري.");
  ASSERT_EQ(as.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(as, as.quotes[0].speaker), "per:kerry");
  EXPECT_TRUE(QuoteSays(as, 0, "عشرات الشاحنات"));
  EXPECT_FALSE(QuoteSays(as, 0, "كما"));
  // Opening a sentence, kama is "also": what follows inna is said.
  Document also = Analyze("كما قال جون كيري إن الاتفاق بات قريبا.");
  ASSERT_EQ(also.quotes.size(), 1u);
  EXPECT_TRUE(QuoteSays(also, 0, "الاتفاق", true));
}

TEST(Quotes, WhomItWasSaidToIsNotTheSpeaker) {
  Document doc = Analyze(
      "وقالت مصادر محلية إن الاشتباكات تجددت في المدينة. وقال لوكالة رويترز إن القصف استمر طوال الليل.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  // The addressee (li-Reuters) is skipped; the unnamed source speaks on.
  EXPECT_EQ(doc.quotes[1].speaker, -1);
  EXPECT_EQ(Text(doc, doc.quotes[1].content).rfind("القصف استمر", 0), 0u) << Text(doc, doc.quotes[1].content);
}

TEST(Quotes, AParticipleKeepsTheSpeakerOfItsSentence) {
  Document doc = Analyze(
      "قال وزير الخارجية الأمريكي جون كيري إن المفاوضات ستستمر مع الرئيس السوري بشار الأسد، مشيرا إلى أن "
      "الحل سياسي.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[1].speaker), "per:kerry");  // not al-Assad, the nearer name
}

TEST(Quotes, AnOfficeNamedAgainIsThePersonWhoHoldsIt) {
  Document doc = Analyze(
      "قال الدكتور رياض ياسين، وزير الخارجية اليمني، إن المحادثات مثمرة.\n"
      "وأضاف أن الموقف تغير.\nوقال وزير الخارجية اليمني إن اللقاء كان مثمرا.");
  ASSERT_EQ(doc.quotes.size(), 3u);
  EXPECT_EQ(doc.quotes[0].speaker, doc.quotes[2].speaker);
  ASSERT_GE(doc.quotes[0].speaker, 0);
  EXPECT_EQ(doc.entities[doc.quotes[0].speaker].type, EntityType::kPer);
}

TEST(Quotes, AQuotationEndsWhereItsMarksClose) {
  Document doc = Analyze("واعتبر المحلل أن «هذه الأكاذيب.. ستتسبب بمشكلات في صفوف الحركة»، خلال حديثه أمس.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  std::string content = Text(doc, doc.quotes[0].content);
  EXPECT_NE(content.find("ستتسبب بمشكلات"), std::string::npos) << content;  // not cut at the ellipsis
  EXPECT_EQ(content.find("خلال حديثه"), std::string::npos) << content;      // nor run on past the mark
}

TEST(Quotes, NounsAndRelativeClausesOfReportingVerbsAreNotQuotes) {
  // bi-talab "at the request of"; "the war that it declared".
  Document doc = Analyze("وبدأت العمليات بطلب من الحكومة اليمنية بعد عام من الحرب التي أعلنتها واشنطن ضد التنظيم في سوريا.");
  EXPECT_TRUE(doc.quotes.empty()) << Text(doc, doc.quotes[0].content);
  // kallafat "assigned" reads as ka- + lafatat "pointed out": no verb takes ka-.
  Document assigned = Analyze("وكلفت الحكومة التونسية لجنة خاصة بدراسة الملف.");
  EXPECT_TRUE(assigned.quotes.empty()) << Text(assigned, assigned.quotes[0].content);
}

TEST(Quotes, ARelativeClauseWithItsOwnSubjectReportsSpeechToItsComma) {
  // Written for this test: "Mullah Omar, whose death the Afghan
  // intelligence services announced on Wednesday, two years ago, ...": the
  // services announced; what they announced ends with the clause. "The
  // storm that Saudi Arabia announced" takes the antecedent as object.
  Document doc = Analyze(
      "وتواجه الحركة انشقاق القادة منذ غياب الملا عمر الذي أعلنت أجهزة الاستخبارات الأفغانية الأربعاء "
      "وفاته قبل سنتين، وبات التنظيم يجتذبهم.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(Text(doc, doc.quotes[0].content), "الأربعاء وفاته قبل سنتين");
  ASSERT_GE(doc.quotes[0].speaker, 0);
  EXPECT_EQ(doc.entities[doc.quotes[0].speaker].name, "أجهزة الاستخبارات الأفغانية");
  Document storm = Analyze("وتستمر العملية التي أعلنتها السعودية لوقف التدخل في اليمن.");
  EXPECT_TRUE(storm.quotes.empty()) << Text(storm, storm.quotes[0].content);
}

TEST(Quotes, TheOfficialIsUnnamedUnlessTheNextWordsNameHim) {
  Document doc = Analyze("وأكد المسؤول أن التعاون مع قطر يتحسن.\nوقال المتحدث باسم حلف الناتو، في بيان، إن الاجتماع انتهى.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(doc.quotes[0].speaker, -1);
  EXPECT_EQ(KeyOf(doc, doc.quotes[1].speaker), "intl:nato");
}

TEST(Quotes, TheQuotationFirstThenWhoSaidIt) {
  Document doc = Analyze("«سنواصل القتال حتى تحرير المدينة»، قال المتحدث باسم حلف الناتو.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "intl:nato");
  EXPECT_EQ(Text(doc, doc.quotes[0].content), "سنواصل القتال حتى تحرير المدينة");
}

TEST(Quotes, InsideAQuoteANameAfterTheObjectIsNotTheSpeaker) {
  Document doc = Analyze(
      "وقال أحمد الزعبي إن هذه الوثائق تكشف أوامر الجيش السوري لعناصره بالتعامل مع التنظيم، لافتا إلى أن "
      "المعارضة ستسلمها للأمم المتحدة.");
  ASSERT_FALSE(doc.quotes.empty());
  const int speaker = doc.quotes[0].speaker;
  ASSERT_GE(speaker, 0);
  for (const Quote& q : doc.quotes) EXPECT_NE(KeyOf(doc, q.speaker), "army:syria") << Text(doc, q.content);
  EXPECT_EQ(doc.quotes.back().speaker, speaker);  // the participle continues al-Zu'bi
}

TEST(Quotes, NestedAttributionIsAChain) {
  Document doc = Analyze("قال أردوغان إن الأمم المتحدة أكدت أن المساعدات وصلت إلى المدنيين في حلب.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "per:erdogan");
  EXPECT_EQ(KeyOf(doc, doc.quotes[1].speaker), "intl:un");
  EXPECT_EQ(doc.quotes[1].parent, 0);
}

TEST(Quotes, ALeakAnOutletBroadcastsSpeaksUnderTheOutlet) {
  // Written for this test: a channel publishes a recording; the people in
  // it speak by the channel's account, and what they allege is claimed by
  // the channel, then by them.
  Document doc = Analyze(
      "وكشفت تسريبات بثتها قناة الوطن الليبية عن وجود تنسيق بين جبهة النصرة وتنظيم داعش.\n"
      "ويقول الصحفي أحمد الزعبي في التسجيل إن جبهة النصرة هاجمت الجيش السوري أمس.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  const Quote& publication = doc.quotes[0];
  ASSERT_GE(publication.speaker, 0);
  EXPECT_EQ(doc.entities[publication.speaker].type, EntityType::kOrg);
  EXPECT_EQ(doc.entities[publication.speaker].name, "قناة الوطن الليبية");
  EXPECT_EQ(doc.quotes[1].parent, 0);
  const Relation* attack = Find(doc, "group:nusra", PloverType::kAssault, "army:syria");
  ASSERT_NE(attack, nullptr);
  ASSERT_EQ(attack->claimed_by.size(), 2u);
  EXPECT_EQ(attack->claimed_by[0], publication.speaker);
  EXPECT_EQ(attack->claimed_by[1], doc.quotes[1].speaker);
  // The channel is the claimant of the coordination, not a side of it.
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kCooperate, "group:isis"), nullptr);
  for (const auto& r : doc.relations)
    EXPECT_TRUE(r.source != publication.speaker && r.target != publication.speaker);
}

TEST(Relations, AbductionIsAnAssaultAsPloverSaysNotACoercion) {
  // PLOVER maps CAMEO 181 (abduct, take hostage) to ASSAULT; arrest stays
  // COERCE. Written for this test.
  Document doc = Analyze("اختطف تنظيم داعش عشرات المدنيين في سوريا.");
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "group:isis", "")) << doc.relations.size();
  EXPECT_FALSE(AnyRelation(doc, PloverType::kCoerce, "group:isis", ""));
  Document arrest = Analyze("اعتقلت الحكومة التركية عشرات المعارضين.");
  EXPECT_TRUE(AnyRelation(arrest, PloverType::kCoerce, "", ""));
}

TEST(Relations, ReceivingAndMeetingAreConsultationsAndBahathaIsNoBiPlusAWord) {
  // Written for this test. The segmenter reads bahatha "discussed" as bi- +
  // hatha; the word with its letter back is the trigger.
  for (const char* met : {"استقبل أردوغان بوتين في أنقرة.", "اجتمع أردوغان مع بوتين في أنقرة.",
                          "وبحث أردوغان مع بوتين الأزمة السورية."}) {
    Document doc = Analyze(met);
    EXPECT_NE(Find(doc, "per:erdogan", PloverType::kConsult, "per:putin"), nullptr) << met;
  }
}

TEST(Relations, AfterANumberIsWhatItCountsButAfterAYearAVerb) {
  // Written for this test: "300 talib" are students, not "X demanded";
  // "in 2013 the Houthis demanded" is the verb; so is wa-talaba after a
  // number where there are no stops, and after a small number (which
  // counts a plural, or ends a name or an hour).
  Document students = Analyze("وحضر 300 طالب الحوثيون في الحفل وقال 1,200 طالب الجيش اليمني بالانسحاب.");
  EXPECT_TRUE(students.relations.empty()) << students.relations.size();
  EXPECT_TRUE(students.quotes.empty() || Text(students, students.quotes[0].cue) != "طالب");
  Document year = Analyze("وفي 2013 طالب الحوثيون الحكومة اليمنية بالرحيل.");
  EXPECT_TRUE(AnyRelation(year, PloverType::kRequest, "group:houthis", ""));
  Document no_stops = Analyze("وأصيب في الهجوم 120 وطالب الحوثيون الحكومة اليمنية بالرحيل.");
  EXPECT_TRUE(AnyRelation(no_stops, PloverType::kRequest, "group:houthis", ""));
  Document hour = Analyze("وفي الساعة 11 طالب الحوثيون الحكومة اليمنية بالرحيل.");
  EXPECT_TRUE(AnyRelation(hour, PloverType::kRequest, "group:houthis", ""));
}

TEST(Relations, APersonAttacksInWordsAnArmedGroupWithArms) {
  // Written for this test: hajama with a person as the doer criticizes
  // (ACCUSE); with an armed group as the doer it is an attack.
  Document words = Analyze("وهاجم الرئيس التركي رجب طيب أردوغان حزب العمال الكردستاني في خطاب أمس.");
  EXPECT_TRUE(AnyRelation(words, PloverType::kAccuse, "per:erdogan", ""));
  EXPECT_FALSE(AnyRelation(words, PloverType::kAssault, "per:erdogan", ""));
  Document arms = Analyze("وهاجم تنظيم داعش مواقع الجيش العراقي في الموصل.");
  EXPECT_TRUE(AnyRelation(arms, PloverType::kAssault, "group:isis", ""));
  // The same with the verbal noun and the support verb that launches it:
  // one accusation, no attack.
  Document launched = Analyze("وشن الرئيس الأمريكي باراك أوباما هجوما حادا على جماعة الإخوان المسلمين.");
  EXPECT_NE(Find(launched, "per:obama", PloverType::kAccuse, "group:muslim_brotherhood"), nullptr);
  EXPECT_FALSE(AnyRelation(launched, PloverType::kAssault, "per:obama", ""));
  // An attack on a town is armed, whoever leads it; so is one by forces
  // named after their leader.
  Document town = Analyze("وشن الرئيس الأمريكي باراك أوباما هجوما على مدينة الرقة.");
  EXPECT_FALSE(AnyRelation(town, PloverType::kAccuse, "per:obama", ""));
  Document forces = Analyze(
      "وقال مصدر إن الحوثيين والقوات الموالية للرئيس السابق علي عبد الله صالح شنوا هجوما على مواقع المقاومة "
      "الشعبية.");
  EXPECT_FALSE(AnyRelation(forces, PloverType::kAccuse, "per:saleh", ""));
  EXPECT_TRUE(AnyRelation(forces, PloverType::kAssault, "per:saleh", ""));
}

TEST(Relations, AnOutletReportsItDoesNotMeetOrFightButMayAccuse) {
  // Written for this test: an interview is no consultation, a news agency
  // fights no one; a newspaper may accuse in its own words.
  Document met = Analyze("والتقى الرئيس هادي مع قناة العربية في الرياض.");
  EXPECT_FALSE(AnyRelation(met, PloverType::kConsult, "per:hadi", "media:alarabiya"));
  EXPECT_FALSE(AnyRelation(met, PloverType::kConsult, "media:alarabiya", ""));
  Document fought = Analyze("وقصفت وكالة رويترز مواقع تنظيم داعش.");
  EXPECT_FALSE(AnyRelation(fought, PloverType::kAssault, "media:reuters", ""));
  Document accused = Analyze("واتهمت صحيفة الشرق الأوسط إيران بدعم الحوثيين.");
  EXPECT_TRUE(AnyRelation(accused, PloverType::kAccuse, "media:asharq_alawsat", "country:IRN"));
}

TEST(Relations, APlaceSomeoneGoesToOrIsInIsNoSubject) {
  // Written for this test: Egypt, where the prince goes (ila, a name of
  // three words), meets no one; the prince meets the president.
  Document doc = Analyze(
      "يغادر الأمير محمد بن سلمان اليوم إلى جمهورية مصر العربية في زيارة يلتقي خلالها الرئيس عبد الفتاح السيسي.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kConsult, "country:EGY", ""));
  EXPECT_FALSE(AnyRelation(doc, PloverType::kConsult, "", "country:EGY"));
  EXPECT_TRUE(AnyRelation(doc, PloverType::kConsult, "per:mbs", "per:sisi"));
}

TEST(Relations, BetweenXAndYGoesBothWaysWithItsPlace) {
  Document doc = Analyze("اندلعت اشتباكات بين جبهة النصرة وتنظيم داعش في حلب.");
  const Relation* a = Find(doc, "group:nusra", PloverType::kAssault, "group:isis");
  const Relation* b = Find(doc, "group:isis", PloverType::kAssault, "group:nusra");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->polarity, Polarity::kAsserted);
  EXPECT_TRUE(a->claimed_by.empty());
  EXPECT_EQ(KeyOf(doc, a->location), "city:aleppo");
}

TEST(Relations, QadBeforeAPerfectAssertsAndBeforeAnImperfectHedges) {
  // Written for this test. "qad qasafa" is "has shelled", "la-qad" too;
  // "qad yaqsif" is "may shell"; ta opens perfects of the fifth form
  // (tamakkanat) as well as imperfects (tuhajim); its masculine
  // (tamakkana) looks like an imperfect and stays hedged.
  for (const char* asserted : {"وقد قصف الجيش السوري تنظيم داعش في حلب.", "لقد قصف الجيش السوري تنظيم داعش في حلب.",
                               "وقد تمكنت القوات السورية من قصف تنظيم داعش في حلب."}) {
    Document doc = Analyze(asserted);
    const Relation* r = nullptr;
    for (const Relation& x : doc.relations)
      if (x.type == PloverType::kAssault && KeyOf(doc, x.target) == "group:isis") r = &x;
    ASSERT_NE(r, nullptr) << asserted;
    EXPECT_EQ(r->polarity, Polarity::kAsserted) << asserted;
  }
  for (const char* hedged : {"قد يقصف الجيش السوري تنظيم داعش في حلب.", "قد تهاجم القوات التركية تنظيم داعش في حلب."}) {
    Document doc = Analyze(hedged);
    ASSERT_FALSE(doc.relations.empty()) << hedged;
    EXPECT_EQ(doc.relations[0].polarity, Polarity::kAlleged) << hedged;
  }
}

TEST(Relations, TheAccuserIsNotTheDoerWhenTheAccusedIsNoActor) {
  // Written for this test. "ittahamat al-mu'arada al-jaysh bi-qatl
  // al-madaniyyin": the accused (the army, unnamed) is no actor; the
  // opposition, the accuser, killed no one. With an actor as the accused,
  // or an adverb between the accused and bi-, the accused did.
  Document doc = Analyze("واتهمت المعارضة الجيش بقتل المدنيين في حلب.");
  for (const Relation& r : doc.relations)
    EXPECT_FALSE(r.type == PloverType::kAssault && r.source >= 0 && doc.entities[r.source].name == "المعارضة")
        << "the accuser made the doer";
  doc = Analyze("واتهمت السعودية إيران بدعم الحوثيين.");
  EXPECT_NE(Find(doc, "country:IRN", PloverType::kAid, "group:houthis"), nullptr);
  doc = Analyze("واتهمت إيران مجددا بدعم الحوثيين.");
  EXPECT_NE(Find(doc, "country:IRN", PloverType::kAid, "group:houthis"), nullptr);
}

TEST(Relations, AtlaqaIsAnAttackOnlyWithFireOrRocketsNearIt) {
  // Written for this test. atlaqa "launched, fired" is an attack with its
  // weapon after it, or before it in a relative clause; launching a
  // warning, a campaign or a name is none.
  for (const char* attack : {"وأطلق مسلحون النار على جنود الجيش العراقي في الموصل.",
                             "وقتل جنديان بصاروخ أطلقته حركة طالبان على قاعدة للجيش الأفغاني."}) {
    Document doc = Analyze(attack);
    bool found = false;
    for (const Relation& r : doc.relations) found |= r.type == PloverType::kAssault && r.source >= 0;
    EXPECT_TRUE(found) << attack;
  }
  for (const char* none : {"وأطلقت شركة بوينغ تحذيرا لشركات الطيران في الولايات المتحدة.",
                           "وأطلقت الحكومة المصرية حملة لمكافحة الفساد في القاهرة."}) {
    Document doc = Analyze(none);
    for (const Relation& r : doc.relations) EXPECT_NE(r.type, PloverType::kAssault) << none;
  }
}

TEST(Relations, TheAgreementTiesOnlyTheSidesBaynaNames) {
  // Written for this test. "al-ittifaq" refers back to an agreement the
  // report has named; Netanyahu condemning "the agreement with Iran" made
  // none with Iran. Between named sides it is theirs, and an indefinite
  // agreement signed by two is theirs too.
  Document doc = Analyze("وأدان رئيس الوزراء الإسرائيلي بنيامين نتنياهو الاتفاق مع إيران.");
  for (const Relation& r : doc.relations) EXPECT_NE(r.type, PloverType::kCooperate);
  doc = Analyze("وأعلن عن الاتفاق النووي بين إيران والولايات المتحدة في فيينا.");
  EXPECT_NE(Find(doc, "country:IRN", PloverType::kCooperate, "country:USA"), nullptr);
  EXPECT_NE(Find(doc, "country:USA", PloverType::kCooperate, "country:IRN"), nullptr);
  doc = Analyze("ووقعت السعودية ومصر اتفاقية للتعاون العسكري.");
  EXPECT_NE(Find(doc, "country:SAU", PloverType::kCooperate, "country:EGY"), nullptr);
}

TEST(Relations, AnActorBeforeQatalaWithNoObjectAfterItWasKilled) {
  // Written for this test. Unvocalized, qatala "killed" and qutila "was
  // killed" are one word: followed by fi, bi- or "and were wounded" with an
  // actor before it, it is the passive, and that actor the one killed.
  Document doc = Analyze("وقال الجيش إن خمسة من مسلحي داعش قتلوا بنيران الجيش العراقي في الرمادي.");
  EXPECT_NE(Find(doc, "army:iraq", PloverType::kAssault, "group:isis"), nullptr);
  EXPECT_EQ(Find(doc, "group:isis", PloverType::kAssault, "army:iraq"), nullptr);
  doc = Analyze("وقال مصدر عسكري إن جنديين من تشاد قتلوا في اشتباكات مع بوكو حرام.");
  bool killed = false;
  for (const Relation& r : doc.relations) {
    killed |= r.type == PloverType::kAssault && r.source < 0 && r.target >= 0 && KeyOf(doc, r.target) == "country:TCD";
    EXPECT_FALSE(r.type == PloverType::kAssault && r.source >= 0 && r.target < 0 &&
                 KeyOf(doc, r.source) == "country:TCD")
        << "the killed made the killer";
  }
  EXPECT_TRUE(killed);
  // Active, with its object: the army killed.
  doc = Analyze("وكان الجيش العراقي قتل خمسة من مسلحي داعش في الرمادي.");
  EXPECT_NE(Find(doc, "army:iraq", PloverType::kAssault, "group:isis"), nullptr);
}

TEST(Relations, WasafaAccusesOnlyWithALabelOfBlame) {
  // Written for this test. wasafa "described" is an accusation with a
  // label of blame near it (bi-l-irhabi), not when it praises or merely
  // names (bi-l-qawi "as strong").
  Document doc = Analyze("ووصف أردوغان حزب العمال الكردستاني بالإرهابي.");
  EXPECT_NE(Find(doc, "per:erdogan", PloverType::kAccuse, "group:pkk"), nullptr);
  doc = Analyze("ووصف أردوغان حزب العمال الكردستاني بالقوي.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAccuse, "", ""));
}

TEST(Relations, ReportedSpeechMakesAnAllegationWithItsClaimant) {
  Document doc = Analyze("قال أردوغان إن حزب العمال الكردستاني هاجم الجيش التركي.");
  const Relation* r = Find(doc, "group:pkk", PloverType::kAssault, "army:turkey");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->polarity, Polarity::kAlleged);
  ASSERT_EQ(r->claimed_by.size(), 1u);
  EXPECT_EQ(KeyOf(doc, r->claimed_by[0]), "per:erdogan");
}

TEST(Relations, NegationDenies) {
  Document doc = Analyze("قال المتحدث إن الجيش الإسرائيلي لم يقصف غزة.");
  const Relation* r = Find(doc, "army:israel", PloverType::kAssault, "city:gaza");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->polarity, Polarity::kDenied);
}

TEST(Relations, ANegatingNounReachesToTheEndOfItsClause) {
  Document doc = Analyze("وتدور التساؤلات حول عدم رغبة جبهة النصرة المتمركزة قرب المدينة بقتال تنظيم داعش.");
  const Relation* fight = Find(doc, "group:nusra", PloverType::kAssault, "group:isis");
  ASSERT_NE(fight, nullptr);
  EXPECT_EQ(fight->polarity, Polarity::kDenied);
}

TEST(Relations, VerbFirstSentenceAndYesterday) {
  Document doc = Analyze("قصفت طائرات التحالف العربي أمس مواقع الحوثيين في صعدة.");
  const Relation* r = Find(doc, "group:arab_coalition", PloverType::kAssault, "group:houthis");
  ASSERT_NE(r, nullptr);
  ASSERT_TRUE(r->date.has_value());
  EXPECT_EQ(r->date->day, 5);  // the day before the report's 2015-08-06
  EXPECT_EQ(KeyOf(doc, r->location), "city:saada");
  EXPECT_EQ(Text(doc, r->trigger), "قصفت");
}

TEST(Relations, CoordinatedDoersAndATargetAfterDidda) {
  Document doc = Analyze("شن تنظيم داعش وجبهة النصرة هجمات متزامنة ضد الجيش السوري في ريف حلب.");
  EXPECT_NE(Find(doc, "group:isis", PloverType::kAssault, "army:syria"), nullptr);
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kAssault, "army:syria"), nullptr);
  EXPECT_EQ(Find(doc, "group:isis", PloverType::kAssault, "group:nusra"), nullptr);  // allies, not foes
}

TEST(Relations, CoordinatedTargetsAreEachDoneTo) {
  Document doc = Analyze("وشنت جبهة النصرة هجمات على مواقع حزب الله والجيش السوري في ريف حلب.");
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kAssault, "group:hezbollah"), nullptr);
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kAssault, "army:syria"), nullptr);
}

TEST(Relations, AnObjectPronounAfterAnActorMakesItTheOneDoneTo) {
  // A relative clause: "Hezbollah, which Iran supports".
  Document doc = Analyze("وقاتلت المعارضة حزب الله الذي تدعمه إيران منذ سنوات.");
  EXPECT_NE(Find(doc, "country:IRN", PloverType::kAid, "group:hezbollah"), nullptr);
  EXPECT_EQ(Find(doc, "group:hezbollah", PloverType::kAid, "country:IRN"), nullptr);
}

TEST(Relations, WhomASideBelongsToIsNotAnotherSide) {
  Document doc = Analyze("وشنت قوات جيش الفتح التابع للجيش السوري الحر هجمات على مواقع حزب الله.");
  EXPECT_NE(Find(doc, "group:jaysh_fatah", PloverType::kAssault, "group:hezbollah"), nullptr);
  EXPECT_EQ(Find(doc, "group:jaysh_fatah", PloverType::kAssault, "group:fsa"), nullptr);
  EXPECT_EQ(Find(doc, "group:fsa", PloverType::kAssault, "group:hezbollah"), nullptr);
}

TEST(Relations, AVerbOpeningItsSentenceContinuesTheLastDoer) {
  Document doc = Analyze("وقصفت جبهة النصرة مواقع حزب الله في القلمون.\nوشنت 6 هجمات على تجمع للجيش السوري في ريف حمص.");
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kAssault, "army:syria"), nullptr);
  // ala and a noun of what was hit: the army is the one attacked, not the attacker.
  EXPECT_EQ(Find(doc, "army:syria", PloverType::kAssault, "-"), nullptr);
}

TEST(Relations, ClashesReportedByAMonitorAccuseNobody) {
  Document doc = Analyze("وقال المرصد السوري لحقوق الإنسان إن اشتباكات عنيفة دارت بين تنظيم داعش وجبهة النصرة في ريف حلب.");
  EXPECT_NE(Find(doc, "group:isis", PloverType::kAssault, "group:nusra"), nullptr);
  for (const auto& r : doc.relations) EXPECT_NE(r.type, PloverType::kAccuse);
}

TEST(Relations, ClaimingAFightAgainstAnArmedGroupAccusesNobody) {
  Document doc = Analyze("وقال وزير الخارجية التركي إن الولايات المتحدة ستشن قريبا هجمات على تنظيم داعش.");
  EXPECT_NE(Find(doc, "country:USA", PloverType::kAssault, "group:isis"), nullptr);
  for (const auto& r : doc.relations) EXPECT_NE(r.type, PloverType::kAccuse);
}

TEST(Relations, AConjoinedVerbKeepsTheLastVerbsDoerAndObject) {
  // "Nusra fought ISIS and besieged it more than it fought the army": the
  // pronoun of the second verb is ISIS, its doer Nusra.
  Document doc = Analyze("وقاتلت جبهة النصرة تنظيم داعش وحاصرته قبل الجيش السوري.");
  EXPECT_NE(Find(doc, "group:nusra", PloverType::kCoerce, "group:isis"), nullptr);
  EXPECT_EQ(Find(doc, "army:syria", PloverType::kCoerce, "group:isis"), nullptr);
  EXPECT_EQ(Find(doc, "group:isis", PloverType::kCoerce, "army:syria"), nullptr);
}

TEST(Relations, AnActorRightAfterAVerbalNounIsTheOneDoneTo) {
  // "Syria ... since the assassination of Rafiq al-Hariri": Hariri was
  // killed; Syria, in another clause, did not kill him.
  Document doc = Analyze("وتدهورت علاقات سوريا مع فرنسا منذ اغتيال رئيس الوزراء السابق رفيق الحريري.");
  EXPECT_EQ(Find(doc, "country:SYR", PloverType::kAssault, KeyOf(doc, -1)), nullptr);
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "", "-"));
  // With li- after it, the genitive is the doer: "Iran's support for Hezbollah".
  Document aid = Analyze("وتحدث التقرير عن دعم إيران لحزب الله في سوريا.");
  EXPECT_NE(Find(aid, "country:IRN", PloverType::kAid, "group:hezbollah"), nullptr);
  EXPECT_EQ(Find(aid, "group:hezbollah", PloverType::kAid, "country:IRN"), nullptr);
}

TEST(Relations, AVerbalNounTakesItsDoerFromASupportVerb) {
  // VSO: "Jaysh al-Fath launched artillery shelling on regime positions".
  Document doc = Analyze("وشنت قوات جيش الفتح التابع للمعارضة السورية المسلحة قصفا مدفعيا على مواقع لقوات النظام السوري.");
  EXPECT_NE(Find(doc, "group:jaysh_fatah", PloverType::kAssault, "gov:syria_regime"), nullptr);
  // Without a support verb the actor before the noun is not its doer.
  // "Turkey condemned the strikes on Aleppo" names who condemned, not who struck.
  Document other = Analyze("ونددت تركيا بالغارات على مدينة حلب.");
  EXPECT_FALSE(AnyRelation(other, PloverType::kAssault, "country:TUR", ""));
}

TEST(Relations, TheDoerNamedAfterALaYadOrMinQibal) {
  // "Opposition fighters were arrested at the hands of Nusra fighters".
  Document doc = Analyze("وقالت مصادر إن مقاتلين من المعارضة السورية اعتقلوا على أيدي مقاتلي جبهة النصرة.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.target), "group:nusra");
  EXPECT_TRUE(AnyRelation(doc, PloverType::kCoerce, "group:nusra", ""));
}

TEST(Relations, ASupportVerbWithAPronounNamesTheVerbalNounsDoer) {
  // "Turkey condemned the attack that the Taliban launched on Kandahar".
  Document doc = Analyze("وأدانت تركيا الهجوم الذي شنته حركة طالبان على مدينة قندهار.");
  EXPECT_EQ(Find(doc, "country:TUR", PloverType::kAssault, "group:taliban"), nullptr);
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "country:TUR", ""));
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "group:taliban", ""));
}

TEST(Events, APlaceAfterTheTriggerLeavesTheDoerUnnamedNotTheEventUnreported) {
  // "16 were killed yesterday in a car bomb blast east of Mosul": Mosul did
  // nothing, yet a blast is reported.
  Document doc = Analyze("وقتل 16 شخصا وأصيب 21 آخرون أمس في انفجار سيارة مفخخة شرق الموصل.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.source), "city:mosul");
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "", ""));
}

TEST(Relations, AVerbsLettersAfterAPrepositionAreItsVerbalNoun) {
  // "Turkey condemned the killing of civilians by ..." is not "Turkey
  // killed": after bi- qatl is a noun whose genitive is the one killed.
  Document doc = Analyze("ونددت تركيا بقتل المدنيين في حلب.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "country:TUR", ""));
  // Unless an accusation names who did it: the accused.
  Document accused = Analyze("واتهمت المعارضة السورية الجيش السوري بقتل المدنيين في حلب.");
  EXPECT_TRUE(AnyRelation(accused, PloverType::kAssault, "army:syria", ""));
}

TEST(Relations, ATownWithBiGluedIsWhereNotWhom) {
  // "the fourth suicide attack al-Qaeda has launched on the Arab coalition in Aden".
  Document doc = Analyze("وهذا هو رابع هجوم انتحاري بسيارة مفخخة يشنه تنظيم القاعدة على التحالف العربي بعدن.");
  bool placed = false;
  for (const auto& r : doc.relations) {
    EXPECT_NE(KeyOf(doc, r.target), "city:aden");
    placed = placed || (KeyOf(doc, r.source) == "group:al_qaeda" && KeyOf(doc, r.location) == "city:aden");
  }
  EXPECT_TRUE(placed);
}

TEST(Relations, AStateStaysTheDoerOfTheNextSentencesSupportVerb) {
  // "Turkey launched strikes on ISIS ... It also carried out attacks on PKK camps."
  Document doc = Analyze(
      "شنت تركيا عددا من الغارات الجوية ضد مقاتلي تنظيم داعش في شمال سورية. كما نفذت أيضا هجمات على معسكرات "
      "حزب العمال الكردستاني في شمال العراق.");
  EXPECT_NE(Find(doc, "country:TUR", PloverType::kAssault, "group:pkk"), nullptr);
}

TEST(Relations, ADefiniteNounAfterTheOpeningVerbIsItsOwnDoer) {
  // "Turkey launched strikes on ISIS ... The planes also launched raids on
  // PKK camps": the planes did, unnamed; Turkey is not carried over.
  Document doc = Analyze(
      "شنت تركيا عددا من الغارات الجوية ضد مقاتلي تنظيم داعش في شمال سورية. وشنت الطائرات غارات على معسكرات "
      "حزب العمال الكردستاني في شمال العراق.");
  EXPECT_NE(Find(doc, "country:TUR", PloverType::kAssault, "group:isis"), nullptr);
  EXPECT_EQ(Find(doc, "country:TUR", PloverType::kAssault, "group:pkk"), nullptr);
  // So does a noun construct to a definite one ("the coalition's planes").
  Document construct = Analyze(
      "وقصف الجيش التركي مواقع لحزب العمال الكردستاني في شمال العراق. وشنت طائرات التحالف غارات على مواقع "
      "الحوثيين في صنعاء.");
  EXPECT_NE(Find(construct, "army:turkey", PloverType::kAssault, "group:pkk"), nullptr);
  EXPECT_EQ(Find(construct, "army:turkey", PloverType::kAssault, "group:houthis"), nullptr);
}

TEST(Relations, ATriggerInsideAFixedCompoundIsNone) {
  // "Iran had fewer than 200 centrifuges"; "the president fell ill with
  // cancer"; "Hilal beat Nasr on penalties"; political battles, a trade
  // war. Written for this test.
  for (const char* text : {"كان لدى إيران أقل من 200 جهاز طرد مركزي لتخصيب اليورانيوم.",
                           "وأصيب الرئيس الفنزويلي هوغو شافيز بمرض السرطان.",
                           "وفاز نادي الهلال على نادي النصر بضربات الترجيح في نهائي الكأس.",
                           "وتخوض تونس والجزائر المعارك السياسية ضد الفساد منذ أشهر.",
                           "وأعلنت الصين الحرب التجارية على الولايات المتحدة."}) {
    Document doc = Analyze(text);
    EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "", "")) << text;
  }
  // A group whose name holds a trigger word ("Libya Dawn", fajr also "blew
  // up"): its name is no attack, and the group is the doer of what it does.
  Document dawn = Analyze("وحاصرت قوات فجر ليبيا قاعدة الوطية الجوية غرب طرابلس.");
  for (const auto& r : dawn.relations) EXPECT_NE(Text(dawn, r.trigger), "فجر");
  EXPECT_TRUE(AnyRelation(dawn, PloverType::kCoerce, "group:libya_dawn", ""));
  // The same word is a trigger outside its compound: "the coalition carried
  // out strikes on ISIS positions".
  Document doc = Analyze("نفذ التحالف الدولي ضربات على مواقع تنظيم داعش في الرقة.");
  EXPECT_NE(Find(doc, "group:intl_coalition", PloverType::kAssault, "group:isis"), nullptr);
}

TEST(Relations, APassiveParticiplesDoersAfterBiJoinedByANoun) {
  // "the resistance backed by army forces and coalition aircraft".
  Document doc = Analyze("وتقدمت المقاومة الشعبية المدعومة بقوات الجيش السوري وطائرات التحالف العربي نحو المدينة.");
  int backers = 0;
  for (const auto& r : doc.relations)
    if (r.type == PloverType::kAid && (KeyOf(doc, r.source) == "army:syria" || KeyOf(doc, r.source) == "group:arab_coalition"))
      ++backers;
  EXPECT_EQ(backers, 2);
}

TEST(Relations, AHamzaSeatBeforeAPronounStillFindsTheTrigger) {
  // liqa'ihi "his meeting", hulafa'uhu: the noun with its hamza back.
  Document doc = Analyze("وقال أردوغان عقب لقائه مع روحاني في طهران إن العلاقات جيدة.");
  EXPECT_NE(Find(doc, "per:erdogan", PloverType::kConsult, "per:rouhani"), nullptr);
}

TEST(Relations, ARelativeClausesVerbHasItsAntecedentAsDoer) {
  // "the strikes that targeted the PKK were harsher than those that targeted
  // the extremists": neither the PKK nor anyone named did the targeting.
  Document doc = Analyze("وأشار وزير الخارجية التركي إلى أن الغارات التي استهدفت حزب العمال الكردستاني كانت أشد من التي استهدفت المتطرفين.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.source), "group:pkk");
  for (const auto& r : doc.relations) EXPECT_NE(r.type, PloverType::kAccuse);
}

TEST(Relations, FightingAnObjectIsOneWayEnmityAndClashesBothWays) {
  // "the unwillingness of Haftar's forces to fight ISIS": Haftar's forces
  // (would) fight ISIS, not ISIS them.
  Document doc = Analyze("وتساءل مراقبون عن عدم رغبة قوات حفتر بقتال تنظيم \"داعش\" في درنة.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "group:isis", ""));
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "", "group:isis"));
  Document clashes = Analyze("ودارت اشتباكات عنيفة بين تنظيم داعش وجبهة النصرة في ريف حلب.");
  EXPECT_TRUE(TiesBothWays(clashes, "group:isis", PloverType::kAssault, "group:nusra"));
  // bayna past an adjective and a time; "min jiha ... min jiha ukhra".
  Document late = Analyze(
      "ودارت اشتباكات عنيفة ليلة أول من أمس بين عناصر تنظيم داعش من جهة وجبهة النصرة من جهة أخرى.");
  EXPECT_TRUE(TiesBothWays(late, "group:isis", PloverType::kAssault, "group:nusra"));
  // Two mutual nouns joined by wa share their bayna: "a relationship and
  // coordination between X and Y"; whoever reports it is no side.
  Document joined = Analyze("وبثت قناة الجزيرة تقريرا عن علاقة وتنسيق بين جبهة النصرة وحركة أحرار الشام.");
  EXPECT_TRUE(TiesBothWays(joined, "group:nusra", PloverType::kCooperate, "group:ahrar_sham"));
  for (const auto& r : joined.relations)
    EXPECT_TRUE(r.type != PloverType::kCooperate ||
                (KeyOf(joined, r.source).rfind("group:", 0) == 0 && KeyOf(joined, r.target).rfind("group:", 0) == 0))
        << KeyOf(joined, r.source) << " -> " << KeyOf(joined, r.target);
}

TEST(Relations, AnAllyNounInAnyFormTiesBothSides) {
  // The accusative is an ally noun too; so is the feminine before a
  // pronoun, whose ta marbuta is written teh (halifatuha).
  Document accusative = Analyze("وتعد السعودية حليفا للولايات المتحدة في المنطقة.");
  EXPECT_TRUE(TiesBothWays(accusative, "country:SAU", PloverType::kCooperate, "country:USA"));
  Document feminine = Analyze("وتعيش الميليشيات الحوثية فترة استياء من حليفتها إيران.");
  EXPECT_TRUE(AnyRelation(feminine, PloverType::kCooperate, "", "country:IRN"));
  EXPECT_TRUE(AnyRelation(feminine, PloverType::kCooperate, "country:IRN", ""));
}

TEST(Relations, APronounOnTheOpenerIsTheVerbsSubject) {
  // "The army said that it arrested ISIS members": the speaker did it, and
  // ISIS, after the verb, is whom it was done to, not the doer.
  Document said = Analyze("وقال الجيش اللبناني إنه اعتقل خمسة عناصر من تنظيم داعش في عرسال.");
  EXPECT_NE(Find(said, "army:lebanon", PloverType::kCoerce, "group:isis"), nullptr);
  for (const auto& r : said.relations) EXPECT_NE(KeyOf(said, r.source), "group:isis");
  // "Obama said that they arrested ...": "they" is not Obama; the doer is
  // unnamed, and ISIS is still whom it was done to.
  Document they = Analyze("وقال باراك أوباما إنهم اعتقلوا عناصر من تنظيم داعش.");
  for (const auto& r : they.relations) {
    EXPECT_NE(KeyOf(they, r.source), "per:obama");
    EXPECT_NE(KeyOf(they, r.source), "group:isis");
  }
  EXPECT_TRUE(AnyRelation(they, PloverType::kCoerce, "", "group:isis"));
  // "Hezbollah, which proved to be an ally of Iran": the relative's
  // antecedent (past an adjective and a dash) is what the pronoun takes up.
  Document relative = Analyze("ويخشى الغرب من حزب الله اللبناني -الذي تبين أنه حليف قوي لإيران- في المنطقة.");
  EXPECT_TRUE(TiesBothWays(relative, "group:hezbollah", PloverType::kCooperate, "country:IRN"));
}

TEST(Quotes, WordsAnAgencyRelatesAreTheirSpeakersWithinTheAgencys) {
  // "Reuters relayed from the Turkish foreign minister his saying that ...":
  // his words, within the agency's quote; a claim in them is the agency's
  // account of his (the chain outermost first).
  Document doc = Analyze("ونقلت وكالة رويترز عن وزير الخارجية التركي مولود تشاووش أوغلو قوله إن تركيا قصفت "
                         "مواقع لتنظيم داعش.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(KeyOf(doc, doc.quotes[0].speaker), "media:reuters");
  EXPECT_EQ(KeyOf(doc, doc.quotes[1].speaker), "per:cavusoglu");
  EXPECT_EQ(doc.quotes[1].parent, 0);
  const Relation* r = Find(doc, "country:TUR", PloverType::kAssault, "group:isis");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->claimed_by.size(), 2u);
  EXPECT_EQ(KeyOf(doc, r->claimed_by[0]), "media:reuters");
  EXPECT_EQ(KeyOf(doc, r->claimed_by[1]), "per:cavusoglu");
  // An unnamed source (masdar fi al-jaysh) is no entity, whatever body it is in.
  Document unnamed = Analyze("ونقلت وكالة رويترز عن مصدر في الجيش العراقي قوله إن تنظيم داعش هاجم قوات البيشمركة.");
  ASSERT_EQ(unnamed.quotes.size(), 2u);
  EXPECT_EQ(unnamed.quotes[1].speaker, -1);
  EXPECT_EQ(unnamed.quotes[1].parent, 0);
}

TEST(Quotes, IsNamedAndCarriedReportNoSpeech) {
  // yud'a "is named" is no claim; naqala "carried, conveyed" reports words
  // only from someone or that something is so.
  Document named = Analyze("واستهدف القصف محطة وقود يملكها رجل يدعى صادق سفيان في المنطقة.");
  EXPECT_TRUE(named.quotes.empty());
  Document carried = Analyze("ونقل السفير تحيات الملك إلى الرئيس خلال اللقاء.");
  EXPECT_TRUE(carried.quotes.empty());
  Document reported = Analyze("ونقلت تقارير إخبارية أن المفاوضات انتهت دون اتفاق.");
  EXPECT_EQ(reported.quotes.size(), 1u);
}

TEST(Relations, AWholePlaceNameAfterFiIsTheSettingNotASide) {
  // "arrested 15 Palestinians in the West Bank": al-Gharbiyya, the second
  // word of the place, is not after fi, but it is no side either.
  Document doc = Analyze("واعتقلت قوات الاحتلال الإسرائيلي 15 فلسطينيا في الضفة الغربية.");
  bool found = false;
  for (const auto& r : doc.relations)
    if (r.type == PloverType::kCoerce) {
      found = true;
      EXPECT_EQ(KeyOf(doc, r.location), "city:west_bank");
      EXPECT_NE(KeyOf(doc, r.target), "city:west_bank");
    }
  EXPECT_TRUE(found);
}

TEST(Relations, WhomTheReportFollowsIsNeitherTheDoerNorAnAccuser) {
  // "According to the Observatory, 20 were killed": the Observatory did not kill.
  Document according = Analyze("وبحسب المرصد السوري لحقوق الإنسان، فقد قتل 20 عنصرا في هجوم لجبهة النصرة.");
  for (const auto& r : according.relations) {
    if (r.type == PloverType::kAssault) {
      EXPECT_NE(KeyOf(according, r.source), "intl:sohr");
    }
  }
  // An agency reporting an attack accuses no one.
  Document agency =
      Analyze("ونقلت وكالة رويترز عن مصدر في الجيش العراقي قوله إن تنظيم داعش شن هجوما على مدينة سامراء.");
  for (const auto& r : agency.relations) {
    if (r.type == PloverType::kAccuse) {
      EXPECT_EQ(agency.entities[r.source].name.rfind("وكالة", 0), std::string::npos) << agency.entities[r.source].name;
    }
  }
}

TEST(Relations, ANounAfterInnaThatNamesNoActorIsTheVerbsSubject) {
  // "... said that coalition planes struck ISIS positions": ISIS is struck.
  Document doc =
      Analyze("وقال المتحدث باسم وزارة الدفاع الأمريكية إن طائرات التحالف قصفت مواقع لتنظيم داعش قرب الموصل.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.source), "group:isis");
}

TEST(Relations, APossessiveOnTheNounAfterInnaTakesUpTheSpeaker) {
  // "The Turkish army announced that its planes struck PKK positions":
  // the army's planes, so the army did it, by its own account.
  Document doc = Analyze("وأعلن الجيش التركي أن طائراته قصفت مواقع لحزب العمال الكردستاني في شمال العراق.");
  const Relation* strike = Find(doc, "army:turkey", PloverType::kAssault, "group:pkk");
  ASSERT_NE(strike, nullptr);
  EXPECT_EQ(strike->polarity, Polarity::kAlleged);
}

TEST(Relations, AnActorWithLiAfterAVerbIsNotItsSubject) {
  // "Warplanes struck positions of ISIS": li- marks whose positions, and a
  // subject never takes it.
  Document doc = Analyze("واستهدفت طائرات حربية مواقع لتنظيم داعش في ريف حلب.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.source), "group:isis");
  EXPECT_NE(Find(doc, "-", PloverType::kAssault, "group:isis"), nullptr);
  // After a definite noun li- names whose the subject is: "the military
  // council of the resistance accused the Houthis".
  Document council = Analyze("واتهم المجلس العسكري للمقاومة في تعز الحوثيين بارتكاب الجريمة.");
  bool accused = false;
  for (const auto& r : council.relations)
    accused = accused || (r.type == PloverType::kAccuse && KeyOf(council, r.target) == "group:houthis" && r.source >= 0);
  EXPECT_TRUE(accused);
}

TEST(Relations, TheActorsOfACountAfterTheVerbAreWhomItWasDoneTo) {
  // "Ten ISIS members were killed in an air strike": news writes the verb
  // passive, and the count is its object.
  Document doc = Analyze("وقتل عشرة من عناصر تنظيم داعش في غارة جوية قرب الموصل.");
  for (const auto& r : doc.relations) EXPECT_NE(KeyOf(doc, r.source), "group:isis");
  Document digits = Analyze("واعتقل 25 من أنصار جماعة الإخوان المسلمين في القاهرة.");
  for (const auto& r : digits.relations) EXPECT_NE(KeyOf(digits, r.source), "group:muslim_brotherhood");
}

TEST(Relations, AnAllyNounsPronounDoesNotReachPastAVerb) {
  // "Turkey and its allies shelled PKK positions": the allies are Turkey's,
  // and the PKK is what they shelled, not an ally.
  Document doc = Analyze("وذكرت مصادر عسكرية أن تركيا وحلفاءها قصفوا مواقع حزب العمال الكردستاني في شمال العراق.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kCooperate, "", "group:pkk"));
  EXPECT_FALSE(AnyRelation(doc, PloverType::kCooperate, "group:pkk", ""));
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "country:TUR", "group:pkk"));
}

TEST(Relations, OurOnANounInSomeonesWordsIsTheSpeakers) {
  // "Within our agreement with Turkey ..." in Kerry's words: his side's
  // agreement, not the channel's he spoke to.
  Document doc = Analyze("وقال وزير الخارجية الأمريكي جون كيري لقناة الجزيرة \"في إطار اتفاقنا مع تركيا حققنا تقدما كبيرا\".");
  EXPECT_TRUE(AnyRelation(doc, PloverType::kCooperate, "per:kerry", "country:TUR"));
  for (const auto& r : doc.relations)
    for (int side : {r.source, r.target})
      if (side >= 0) {
        EXPECT_NE(KeyOf(doc, side), "media:aljazeera");
      }
}

TEST(Relations, AThreatsTargetFollowsTheThreatenedAct) {
  // "Erdogan threatened to launch an operation against the YPG": the
  // threatened attack does not end the threat's clause.
  Document doc = Analyze("وهدد أردوغان بشن عملية عسكرية ضد وحدات حماية الشعب الكردية.");
  EXPECT_NE(Find(doc, "per:erdogan", PloverType::kThreaten, "group:ypg"), nullptr);
}

TEST(Relations, AMeetingTiesBothSides) {
  // "Putin met his Turkish counterpart Erdogan": a meeting is mutual.
  Document met = Analyze("والتقى الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان في موسكو.");
  EXPECT_TRUE(TiesBothWays(met, "per:putin", PloverType::kConsult, "per:erdogan"));
}

TEST(Relations, TwoJoinedSubjectsOfASupportVerbAreTheSidesOfAMutualNoun) {
  // "Turkey and Qatar signed an agreement": no other side is named.
  Document signed_ = Analyze("ووقعت تركيا وقطر اتفاقية للتعاون العسكري أمس.");
  EXPECT_TRUE(TiesBothWays(signed_, "country:TUR", PloverType::kCooperate, "country:QAT"));
  // Two places after fi are where, not who: "fighting in Syria and Iraq".
  Document places = Analyze("وسافر مئات الشبان للقتال في سوريا والعراق خلال العامين الماضيين.");
  EXPECT_EQ(Find(places, "country:SYR", PloverType::kAssault, "country:IRQ"), nullptr);
  EXPECT_EQ(Find(places, "country:IRQ", PloverType::kAssault, "country:SYR"), nullptr);
}

TEST(Relations, DoersJoinedInAFightActTogether) {
  // "Nusra and Ahrar al-Sham shelled army positions": a joint operation.
  Document joint = Analyze("وقصفت جبهة النصرة وحركة أحرار الشام مواقع للجيش السوري قرب إدلب.");
  EXPECT_TRUE(TiesBothWays(joint, "group:nusra", PloverType::kCooperate, "group:ahrar_sham"));
  EXPECT_TRUE(AnyRelation(joint, PloverType::kAssault, "group:nusra", "")) << "the shelling stays";
  // The two sides after bayna fight each other, whatever the noun.
  Document war = Analyze("وتحدث الوزير عن الحرب الدائرة بين جبهة النصرة وحركة أحرار الشام في ريف إدلب.");
  EXPECT_EQ(Find(war, "group:nusra", PloverType::kCooperate, "group:ahrar_sham"), nullptr);
  // States in such a run are more often where than who: left out.
  Document states = Analyze("وقصفت تركيا وإيران مواقع حزب العمال الكردستاني أمس.");
  EXPECT_EQ(Find(states, "country:TUR", PloverType::kCooperate, "country:IRN"), nullptr);
  // Two voices are not one act: "Hamas and Islamic Jihad condemned ...".
  Document voices = Analyze("وأدانت حركة حماس وحركة الجهاد الإسلامي القرار الإسرائيلي.");
  EXPECT_EQ(Find(voices, "group:hamas", PloverType::kCooperate, "group:islamic_jihad"), nullptr);
}

TEST(Relations, AnAffiliationAdjectiveDescribesTheNounBeforeIt) {
  // "forces loyal to the Houthis shelled Aden": no named actor supports them.
  Document loyal = Analyze("وقصفت القوات الموالية لجماعة الحوثي أحياء في مدينة عدن أمس.");
  EXPECT_FALSE(AnyRelation(loyal, PloverType::kSupport, "", "group:houthis"));
  // "the Houthis and the forces loyal to Saleh": one side, allies.
  Document allies =
      Analyze("وسيطرت جماعة الحوثي والقوات الموالية للرئيس السابق علي عبد الله صالح على المدينة.");
  EXPECT_TRUE(TiesBothWays(allies, "group:houthis", PloverType::kCooperate, "per:saleh"));
  EXPECT_EQ(Find(allies, "group:houthis", PloverType::kSupport, "per:saleh"), nullptr);
  // An actor right before it is the one loyal.
  Document named = Analyze("وتقدمت حركة الشباب الموالية لتنظيم القاعدة نحو العاصمة.");
  EXPECT_NE(Find(named, "group:shabaab", PloverType::kSupport, "group:al_qaeda"), nullptr);
  // After bayna the two are opponents, not allies.
  Document between = Analyze("وتجددت المعارك بين جماعة الحوثي والقوات الموالية للرئيس السابق علي عبد الله صالح.");
  EXPECT_EQ(Find(between, "group:houthis", PloverType::kCooperate, "per:saleh"), nullptr);
}

TEST(Relations, AnAffiliationAdjectiveOpeningTheReportHasNoNounBeforeIt) {
  // The report's very first word: nothing before it to describe (this read
  // before the first token once).
  RawReport raw;
  raw.id = "t";
  raw.text = "الموالية للحكومة اليمنية قصفت مواقع جماعة الحوثي.";
  Document doc;
  testing::RulesEngine().Analyze(std::move(raw), doc);
  EXPECT_FALSE(AnyRelation(doc, PloverType::kSupport, "", ""));
}

TEST(Relations, SanctionsOnTwoNamedPeopleReachBoth) {
  Document doc = Analyze("وأعلنت الولايات المتحدة فرض عقوبات على سعد بن سعد محمد الشريان الكعبي وعبد اللطيف بن عبد الله صالح محمد الكواري.");
  int sanctioned = 0;
  for (const auto& r : doc.relations)
    sanctioned += r.type == PloverType::kSanction && KeyOf(doc, r.source) == "country:USA";
  EXPECT_EQ(sanctioned, 2);
}

TEST(Relations, ProtestersAreTheDoersAndOnlyWhomTheyOpposeIsATarget) {
  // "the protesters raised EU flags": the EU is no side of a protest.
  Document flags = Analyze("ورفع المتظاهرون أعلام الاتحاد الأوروبي وأعلام ألمانيا في وسط المدينة.");
  for (const auto& r : flags.relations)
    if (r.type == PloverType::kProtest) {
      EXPECT_NE(KeyOf(flags, r.target), "intl:eu");
      EXPECT_NE(KeyOf(flags, r.source), "intl:eu");
    }
  // "protesters against NATO": NATO is whom they protest.
  Document against = Analyze("واحتشد آلاف المتظاهرين ضد حلف الناتو أمس في بيشاور.");
  EXPECT_TRUE(AnyRelation(against, PloverType::kProtest, "", "intl:nato"));
}

TEST(Relations, APossessivePronounOnAVerbalNounIsItsDoer) {
  // "al-Shabaab stepped up its attacks on Kenya": hajamatiha is al-Shabaab's.
  Document doc = Analyze("وصعدت حركة الشباب هجماتها على كينيا خلال الأشهر الماضية.");
  EXPECT_NE(Find(doc, "group:shabaab", PloverType::kAssault, "country:KEN"), nullptr);
}

TEST(Relations, ASupportVerbGovernsOnlyTheFirstVerbalNounAfterIt) {
  // "the Treasury imposed sanctions on two Qataris on the charge of funding
  // al-Qaeda": the Treasury sanctions; it does not fund al-Qaeda.
  Document doc = Analyze("وفرضت وزارة الخزانة الأميركية عقوبات على قطريين بتهمة تمويل تنظيم القاعدة.");
  EXPECT_EQ(Find(doc, "gov:us_treasury", PloverType::kAid, "group:al_qaeda"), nullptr);
}

TEST(Relations, LiBeforeTheArticleStillFindsTheTrigger) {
  // li-l-hujum is written lilhujum: "the army was exposed to an attack by ISIS".
  Document doc = Analyze("وتعرض الجيش العراقي للهجوم من قبل تنظيم داعش قرب الموصل.");
  EXPECT_TRUE(AnyRelation(doc, PloverType::kAssault, "group:isis", ""));
}

TEST(Relations, OneRelationPerSourceTypeTarget) {
  Document doc = Analyze("هاجمت حركة طالبان قوات الحكومة الأفغانية في كابول. وهاجمت حركة طالبان قوات الحكومة الأفغانية مجددا.");
  int n = 0;
  for (const auto& r : doc.relations) n += KeyOf(doc, r.source) == "group:taliban" && r.type == PloverType::kAssault;
  EXPECT_LE(n, 1);
}

std::string EventDate(const std::string& sentence, const std::string& date_line = "2015-08-06") {
  Document doc = Analyze(sentence, date_line);
  for (const auto& r : doc.relations)
    if (r.date) return IsoDate(*r.date);
  return doc.relations.empty() ? "no relation" : "-";
}

TEST(EventDates, RelativeExpressionsResolveAgainstTheReportDate) {
  // The report is dated Thursday 2015-08-06.
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة أمس."), "2015-08-05");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة أول من أمس."), "2015-08-04");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة يوم الاثنين."), "2015-08-03");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة الخميس الماضي."), "2015-07-30");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة الأسبوع الماضي."), "2015-07-30");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة الشهر الماضي."), "2015-07");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة العام الماضي."), "2014");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة منذ عامين."), "2013");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة قبل 3 أيام."), "2015-08-03");
  // Across a year's end.
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة أمس.", "2016-01-01"), "2015-12-31");
}

TEST(EventDates, MonthsAndYearsAreAbsolute) {
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة في مايو 2014."), "2014-05");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة في 19 يوليو."), "2015-07-19");
  // Without a year, the latest such date not after the report's.
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة في 19 ديسمبر."), "2014-12-19");
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة في عام 2013."), "2013");
  // maris "he practised" is not March; a resolution number is not a year.
  EXPECT_EQ(EventDate("وقصفت روسيا مواقع جبهة النصرة بعدما مارس ضغوطا وفق القرار 2216."), "-");
}

TEST(EventDates, WeekdaysAndDayArithmetic) {
  ReportDate d;
  d.year = 2015, d.month = 8, d.day = 6;
  EXPECT_EQ(EventDater::Weekday(d), 4);  // a Thursday
  EXPECT_EQ(IsoDate(EventDater::AddDays(d, -37)), "2015-06-30");
  d.year = 2016, d.month = 3, d.day = 1;
  EXPECT_EQ(IsoDate(EventDater::AddDays(d, -1)), "2016-02-29");
}

TEST(Events, AnAttackByUnknownGunmenIsAnEventWithAnUnnamedSide) {
  Document doc = Analyze("هاجم مسلحون مجهولون نقطة تفتيش للشرطة في بغداد فجر اليوم وقتلوا ثلاثة من عناصرها وأصابوا آخرين.");
  bool found = false;
  for (const auto& r : doc.relations)
    if (r.type == PloverType::kAssault && (r.source < 0 || r.target < 0)) found = true;
  EXPECT_TRUE(found);
}

TEST(Events, TheModelRefusesWhatItDoesNotKnow) {
  testing::TempDir dir;
  EventModel m;
  EXPECT_FALSE(EventModel::Load(dir.Write("bad.model", "# isnad-resource event-model 1\nASSAULT\tnot-three-fields\n"), m).ok());
  EXPECT_FALSE(EventModel::Load(dir.Write("other.model", "# isnad-resource lexicon 1\n"), m).ok());
  ASSERT_TRUE(EventModel::Load(dir.Write("ok.model", "# isnad-resource event-model 1\nASSAULT\tthreshold\t-1.5\nASSAULT\t00000000000000ff\t2\n"), m).ok());
  EXPECT_TRUE(m.Knows(PloverType::kAssault));
  EXPECT_FALSE(m.Knows(PloverType::kProtest));
  EXPECT_FLOAT_EQ(m.Threshold(PloverType::kAssault), -1.5f);
  EXPECT_FLOAT_EQ(m.Score(PloverType::kAssault, {0xff, 0x1}), 2.0f);
}

TEST(Events, TrainingOnAnnotatorSharesRanksSentencesByAgreement) {
  // Feature 1 is in every sentence (a bias); 10 marks sentences all
  // annotators accepted, 20 those half did, 30 those none did. The scores
  // must keep that order, and the same data must give the same weights.
  std::vector<std::vector<uint64_t>> features;
  std::vector<float> targets;
  for (uint64_t i = 0; i < 20; ++i) {
    features.push_back({1, 10, 100 + i});
    targets.push_back(1);
    features.push_back({1, 20, 200 + i});
    targets.push_back(0.5f);
    features.push_back({1, 30, 300 + i});
    targets.push_back(0);
  }
  std::unordered_map<uint64_t, float> weights, again;
  EventModel::Train(features, targets, 1.0, weights);
  EventModel::Train(features, targets, 1.0, again);
  EXPECT_EQ(weights, again);
  EventModel m;
  m.Set(PloverType::kProtest, weights);
  const float all = m.Score(PloverType::kProtest, {1, 10}), half = m.Score(PloverType::kProtest, {1, 20}),
              none = m.Score(PloverType::kProtest, {1, 30});
  EXPECT_GT(all, 1.0f);
  EXPECT_NEAR(half, 0, 0.5f);
  EXPECT_LT(none, -1.0f);
}

}  // namespace
TEST(Relations, APluralVerbsSubjectIsInTheVerb) {
  // Written for this test. "They tried to kill Marwan Hamada, then killed
  // Rafiq al-Hariri": qatalu has its subject in it; the one person named
  // before is not the killer.
  Document they = Analyze("حاولوا اغتيال مروان حمادة، ثم قتلوا رفيق الحريري.");
  EXPECT_FALSE(AnyRelation(they, PloverType::kAssault, "PER:مروان حماده", ""));
  // A plural verb before an actor is not followed by its subject: the
  // actor right after it is the one done to.
  Document object = Analyze("وقال الجيش إنهم هاجموا مواقع تنظيم داعش قرب الموصل.");
  EXPECT_FALSE(AnyRelation(object, PloverType::kAssault, "group:isis", ""));
  // The same letters read as a passive ("43 were killed") reach no actor
  // past the shelling whose doers the sentence names.
  Document passive = Analyze(
      "وقالت وزارة الصحة إن 43 شخصا قتلوا وأصيب 173 في قصف نفذه الحوثيون والموالون للرئيس السابق علي عبد "
      "الله صالح في دار سعد.");
  EXPECT_FALSE(AnyRelation(passive, PloverType::kAssault, "", "group:houthis"));
  EXPECT_FALSE(AnyRelation(passive, PloverType::kAssault, "", "per:saleh"));
  EXPECT_TRUE(AnyRelation(passive, PloverType::kAssault, "group:houthis", ""));
  // The doers after the support verb are all of them, joined by wa.
  EXPECT_TRUE(TiesBothWays(passive, "group:houthis", PloverType::kCooperate, "per:saleh"));
  // Forces loyal to one man are his, a title between or not.
  Document loyal =
      Analyze("وقالت المصادر إن وحدات الجيش الموالية للرئيس عبد ربه منصور هادي طردوا مقاتلي الحوثيين من لودر.");
  EXPECT_NE(Find(loyal, "per:hadi", PloverType::kAssault, "group:houthis"), nullptr);
}

TEST(Relations, AnotherClauseIsNotAVerbalNounsSide) {
  // Written for this test. "... the assassination of Rafiq al-Hariri, then a
  // war Israel waged on Lebanon": ala Lubnan is the war's, so al-Hariri, the
  // genitive of ightiyal, is no doer; and the war's doer is the actor right
  // after the verb with the object pronoun (shannatha Isra'il).
  Document doc = Analyze("وقع زلزال باغتيال رفيق الحريري ثم حرب شنتها إسرائيل على لبنان.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "PER:رفيق الحريري", ""));
  EXPECT_NE(Find(doc, "country:ISR", PloverType::kAssault, "country:LBN"), nullptr);
}

TEST(Relations, InAGameAttacksAndSendingsOffAreTheGames) {
  // Written for this test: "Guardado snatched the equalizer for Mexico a
  // minute before the end of the match": no kidnapping.
  Document goal = Analyze("وخطف أندريس غواردادو هدف التعادل للمكسيك قبل دقيقة واحدة من نهاية المباراة.");
  EXPECT_FALSE(AnyRelation(goal, PloverType::kAssault, "", ""));
  // "Milan finished the match with ten after Nocerino was sent off."
  Document red = Analyze("وأكمل نادي ميلان المباراة بعشرة لاعبين إثر طرد أنطونيو نوتشيرينو.");
  EXPECT_FALSE(AnyRelation(red, PloverType::kAssault, "", ""));
  // Without a game's word the same verbs are events.
  Document war = Analyze("وطرد الجيش العراقي مقاتلي تنظيم داعش من مدينة تكريت.");
  EXPECT_TRUE(AnyRelation(war, PloverType::kAssault, "", "group:isis"));
}

TEST(Relations, AVerbsLettersAfterANounInConstructAreItsVerbalNoun) {
  // Written for this test: "the judge brought charges of murder against
  // Taliban leaders": tuham qatl is no killing by the judge.
  Document charges = Analyze("ووجه القاضي سانتياغو بيدراس تهم قتل إلى قادة حركة طالبان.");
  EXPECT_FALSE(AnyRelation(charges, PloverType::kAssault, "PER:سانتياغو بيدراس", ""));
  // "Kuwait, Tunisia and Egypt faced killings carried out by ISIS": the
  // states did not kill ISIS.
  Document faced = Analyze("وواجهت الكويت وتونس ومصر عمليات قتل نفذها تنظيم داعش.");
  EXPECT_FALSE(AnyRelation(faced, PloverType::kAssault, "country:TUN", "group:isis"));
  EXPECT_FALSE(AnyRelation(faced, PloverType::kAssault, "country:EGY", "group:isis"));
}

TEST(Relations, WhomAnAffiliationAdjectiveNamesStandsRightAfterIt) {
  // Written for this test: "the Yemeni army loyal to legitimacy, Major
  // General Muhammad al-Maqdashi, toured the units": the army is loyal to
  // legitimacy, not to its chief of staff named after it.
  Document chief = Analyze(
      "ونفذ رئيس هيئة الأركان في الجيش اليمني الموالي للشرعية اللواء الركن محمد علي المقدشي زيارة تفقدية.");
  EXPECT_FALSE(AnyRelation(chief, PloverType::kSupport, "", "PER:محمد علي المقدشي"));
  // Titles, and the government or the legitimacy of a man, may stand
  // between li- and his name.
  Document titled = Analyze("وانتزعت المقاومة الشعبية الموالية للرئيس اليمني عبد ربه منصور هادي السيطرة على المدينة.");
  EXPECT_TRUE(AnyRelation(titled, PloverType::kSupport, "", "per:hadi"));
  Document government = Analyze("ونشرت القوات اليمنية الموالية لحكومة الرئيس عبد ربه منصور هادي مدرعات في المدينة.");
  EXPECT_TRUE(AnyRelation(government, PloverType::kSupport, "", "per:hadi"));
}

TEST(Relations, APlaceRightAfterAVisitVerbIsWhereTheVisitWent) {
  // Written for this test: "a woman who had visited Syria and had ties to
  // ISIS": Syria met no one.
  Document doc = Analyze("وكانت المرأة زارت سوريا ولها صلات بتنظيم داعش.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kConsult, "country:SYR", ""));
  Document visit = Analyze("وزار الرئيس المصري عبد الفتاح السيسي السعودية أمس.");
  EXPECT_NE(Find(visit, "per:sisi", PloverType::kConsult, "country:SAU"), nullptr);
}

TEST(Relations, TheOrganizationOfAPersonsOfficeNamedBeforeHimIsNoSide) {
  // Written for this test: "the UN Secretary-General Antonio Guterres
  // welcomed ..." and "Kerry met the president of the Kurdistan region
  // Masoud Barzani": the office's organization or region describes the
  // man, who is the side.
  Document welcome = Analyze("ورحب الأمين العام للأمم المتحدة أنطونيو غوتيريش بالاتفاق الذي توصلت إليه الأطراف.");
  EXPECT_FALSE(AnyRelation(welcome, PloverType::kSupport, "intl:un", ""));
  Document met = Analyze("والتقى جون كيري رئيس إقليم كردستان مسعود بارزاني في أربيل.");
  EXPECT_TRUE(TiesBothWays(met, "per:kerry", PloverType::kConsult, "PER:مسعود بارزاني"));
  EXPECT_FALSE(AnyRelation(met, PloverType::kConsult, "per:kerry", "region:kurdistan_iraq"));
}

TEST(Relations, AVerbsLettersAfterTheSubjectOfACondemnationAreWhatIsCondemned) {
  // Written for this test: "Kerry strongly condemned the killing of the
  // child ...": qatl is what he condemned, not what he did.
  Document doc = Analyze("وأدان وزير الخارجية الأمريكي جون كيري بشدة قتل الطفل الفلسطيني علي دوابشة.");
  EXPECT_FALSE(AnyRelation(doc, PloverType::kAssault, "per:kerry", ""));
  // An announcement is no such verb: the army announced what it did.
  Document announced = Analyze("وأعلن الجيش العراقي قتل 20 مسلحا من تنظيم داعش.");
  EXPECT_NE(Find(announced, "army:iraq", PloverType::kAssault, "group:isis"), nullptr);
}

TEST(Relations, AStateAfterAWordOfDirectionIsWhereNotWho) {
  // Written for this test: "a suicide bomber blew himself up in a market
  // in northern Afghanistan", "Boko Haram launched attacks in north-eastern
  // Nigeria": the state is where it happened.
  Document bomb = Analyze("وقتل 15 شخصا عندما فجر انتحاري نفسه في سوق مزدحمة بشمال أفغانستان.");
  EXPECT_FALSE(AnyRelation(bomb, PloverType::kAssault, "country:AFG", ""));
  Document attacks = Analyze("وشنت جماعة بوكو حرام سلسلة هجمات دموية في شمال شرقي نيجيريا.");
  const Relation* r = Find(attacks, "group:boko_haram", PloverType::kAssault, "-");  // whom: unnamed
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(KeyOf(attacks, r->location), "country:NGA");
  EXPECT_FALSE(AnyRelation(attacks, PloverType::kAssault, "", "country:NGA"));
}

TEST(Relations, TheSubjectOfAVerbNewsWritesOnlyInThePassiveIsTheOneDoneTo) {
  // Written for this test: "Yemeni President Hadi was wounded in an
  // attack", "13 were killed and 85 of the Houthi and Saleh militias
  // wounded": usiba is always passive; the wounded did nothing, and the
  // ones counted after min are not its doers.
  Document hadi = Analyze("وأصيب الرئيس اليمني عبد ربه منصور هادي بجروح في هجوم بمدينة عدن.");
  EXPECT_FALSE(AnyRelation(hadi, PloverType::kAssault, "per:hadi", ""));
  EXPECT_NE(Find(hadi, "-", PloverType::kAssault, "per:hadi"), nullptr);
  Document count = Analyze("وقتل 13 شخصا وأصيب 85 من ميليشيا الحوثي وقوات صالح في مدينة تعز.");
  EXPECT_FALSE(AnyRelation(count, PloverType::kCooperate, "", ""));
}

TEST(Relations, APersonAfterADefiniteVerbalNounIsNotItsDoer) {
  // Written for this test: "the child's father Sa'd, his mother Riham and
  // his brother Ahmad were wounded in the attack": a definite noun takes
  // no genitive; they did not attack, nor together.
  Document doc = Analyze("وأصيب في الهجوم والد الطفل سعد ووالدته رهام وشقيقه أحمد.");
  for (const Relation& r : doc.relations) {
    EXPECT_FALSE(r.type == PloverType::kAssault && r.source >= 0) << KeyOf(doc, r.source);
    EXPECT_NE(r.type, PloverType::kCooperate);
  }
  // Indefinite, in construct, the name after it does it.
  Document construct = Analyze("وأدانت الحكومة هجوم تنظيم داعش على مدينة الرمادي.");
  EXPECT_TRUE(AnyRelation(construct, PloverType::kAssault, "group:isis", ""));
}

}  // namespace isnad
