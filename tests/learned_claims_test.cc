// The learned claims: the corpus scorer (score.py's rules), the relation
// model's file and assembly, and, with ../shared, its rebuild and its
// cross-validated figure.
#include <string>

#include <nlohmann/json.hpp>

#include "isnad/claims/relation_model.h"
#include "isnad/eval/corpus_eval.h"
#include "isnad/train/relation_trainer.h"
#include "test_util.h"

namespace isnad {
namespace {

using json = nlohmann::json;
using testing::SharedAvailable;

TEST(CorpusScoring, NormalizesAsScorePyDoes) {
  // Diacritics and tatweel go, hamza forms of alef, teh marbuta and alef
  // maqsura fold, punctuation becomes space, spaces collapse; letters stay.
  EXPECT_EQ(NormalizeForScoring("\xD8\xA3\xD9\x8E\xD8\xAD\xD9\x92\xD9\x85\xD9\x8E\xD8\xAF"),  // ahmad, vowelled
            "\xD8\xA7\xD8\xAD\xD9\x85\xD8\xAF");
  EXPECT_EQ(NormalizeForScoring("\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9"),  // madina
            "\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD9\x87");
  EXPECT_EQ(NormalizeForScoring("  \xC2\xAB" "a_b" "\xC2\xBB,  c. "), "a b c");
  EXPECT_EQ(NormalizeForScoring("\xD9\x88\xD8\xAD\xD9\x81\xD8\xAA\xD8\xB1"), "\xD9\x88\xD8\xAD\xD9\x81\xD8\xAA\xD8\xB1");
}

json Gold() {
  return json::parse(R"({
    "date": "2015-07-21",
    "entities": [
      {"id": "a", "type": "ORG", "names": ["alpha", "the alpha"]},
      {"id": "b", "type": "PER", "names": ["bravo"]},
      {"id": "c", "type": "LOC", "names": ["charlie"]},
      {"id": "g", "type": "ORG", "names": ["rebels"], "generic": true}
    ],
    "quotes": [{"speaker": "b", "text": "one two three four"}, {"speaker": null, "text": "five six"}],
    "relations": [
      {"source": ["a"], "target": ["c"], "type": "ASSAULT", "polarity": "asserted", "claimed_by": []},
      {"source": ["b"], "target": ["a", "g"], "type": "ACCUSE", "polarity": "alleged", "claimed_by": ["b"]}
    ]})");
}

TEST(CorpusScoring, MatchesEntitiesQuotesAndRelationsOneToOne) {
  const json pred = json::parse(R"({
    "doc_id": "x", "date": "2015-07-21",
    "entities": [
      {"id": "e1", "type": "ORG", "name": "Alpha", "mentions": [{"text": "the alpha"}]},
      {"id": "e2", "type": "PER", "name": "bravo"},
      {"id": "e3", "type": "PER", "name": "charlie"},
      {"id": "e4", "type": "ORG", "name": "rebels"},
      {"id": "e5", "type": "ORG", "name": "delta"}
    ],
    "quotes": [{"speaker": "e2", "text": "one two three"}, {"speaker": "e2", "text": "five six"}],
    "relations": [
      {"source": "e1", "target": "e3", "type": "ASSAULT", "polarity": "alleged", "claimed_by": []},
      {"source": "e1", "target": "e3", "type": "ASSAULT"},
      {"source": "e2", "target": "e4", "type": "SUPPORT"},
      {"source": null, "target": "e3", "type": "ASSAULT"}
    ]})");
  CorpusScore score;
  ScoreDocument(Gold(), pred, score);
  // bravo right; charlie of the wrong type; rebels generic (not counted);
  // delta spurious; alpha is named "the alpha" by a mention.
  EXPECT_EQ(score.entities.tp, 2u);
  EXPECT_EQ(score.entities.fp, 2u);
  EXPECT_EQ(score.entities.fn, 1u);
  EXPECT_EQ(score.entities_untyped.tp, 3u);
  // Quotes: the same speaker and half the words each way; an unnamed
  // speaker is not a named one.
  EXPECT_EQ(score.quotes.tp, 1u);
  EXPECT_EQ(score.quotes.fp, 1u);
  EXPECT_EQ(score.quotes.fn, 1u);
  // Relations: the repeated assault counts once, the null side not at all;
  // the accusation of the generic rebels has the right sides, not the type.
  EXPECT_EQ(score.relations.tp, 1u);
  EXPECT_EQ(score.relations.fp, 2u);
  EXPECT_EQ(score.relations.fn, 1u);
  EXPECT_EQ(score.relations_untyped.tp, 2u);
  EXPECT_EQ(score.confusion["SUPPORT"]["ACCUSE"], 1u);
  EXPECT_EQ(score.by_type["ACCUSE"].fn, 1u);
  EXPECT_EQ(score.dates_right, 1u);
  // The matched assault: its polarity is not the gold's, its claimants
  // (none) are.
  EXPECT_EQ(score.attributed, 1u);
  EXPECT_EQ(score.polarity_right, 0u);
  EXPECT_EQ(score.claimants_right, 1u);
}

TEST(CorpusScoring, AMissingRecordFindsNothingAndGetsNoDate) {
  CorpusScore score;
  ScoreDocument(Gold(), json(), score);
  EXPECT_EQ(score.entities.fn, 3u);
  EXPECT_EQ(score.relations.fn, 2u);
  EXPECT_EQ(score.dates_right, 0u);
}

RelationCandidate Candidate(int source, int target, uint32_t evidence_begin, std::vector<uint64_t> features) {
  RelationCandidate c;
  c.relation.source = source;
  c.relation.target = target;
  c.relation.evidence = Span{evidence_begin, evidence_begin + 10};
  c.features = std::move(features);
  return c;
}

TypedLinearModel SmallModel() {
  TypedLinearModel::Weights related{}, assault{};
  related[kRelatedColumn] = 3.0f;  // feature 1: related
  assault[static_cast<int>(PloverType::kAssault)] = 2.0f;
  assault[static_cast<int>(PloverType::kConsult)] = -2.0f;
  TypedLinearModel::Weights consult{};
  consult[static_cast<int>(PloverType::kConsult)] = 4.0f;
  consult[kRelatedColumn] = -1.0f;
  TypedLinearModel m;
  m.Set({{1, related}, {2, assault}, {3, consult}}, 0.5f);
  m.SetFeatures("test-features-1");
  return m;
}

TEST(TypedLinearModel, SerializesAndLoadsTheSameWeights) {
  const TypedLinearModel m = SmallModel();
  testing::TempDir dir;
  const std::string path = dir.File("relations.model");
  {
    std::ofstream out(path, std::ios::binary);
    out << m.Serialize();
  }
  TypedLinearModel loaded;
  ASSERT_TRUE(TypedLinearModel::Load(path, "relation-model", "test-features-1", loaded).ok());
  EXPECT_EQ(loaded.Serialize(), m.Serialize());
  EXPECT_FLOAT_EQ(loaded.threshold(), 0.5f);
  TypedLinearModel::Weights p;
  loaded.Probabilities({1, 2}, p);
  EXPECT_GT(p[kRelatedColumn], 0.9f);
  EXPECT_GT(p[static_cast<int>(PloverType::kAssault)], 0.8f);
  EXPECT_LT(p[static_cast<int>(PloverType::kConsult)], 0.2f);
}

TEST(TypedLinearModel, RefusesAFileOfAnotherKind) {
  testing::TempDir dir;
  const std::string path = dir.File("relations.model");
  {
    std::ofstream out(path, std::ios::binary);
    out << "# isnad-resource event-model 1\n";
  }
  TypedLinearModel loaded;
  EXPECT_FALSE(TypedLinearModel::Load(path, "relation-model", "f", loaded).ok());
  {
    std::ofstream out(path, std::ios::binary);
    out << "# isnad-resource relation-model 1\nfeatures\tf\n0000000000000001\tNOTATYPE:1\n";
  }
  Status s = TypedLinearModel::Load(path, "relation-model", "f", loaded);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("TYPE:weight"), std::string::npos) << s.message();
}

TEST(TypedLinearModel, RefusesAModelTrainedForOtherFeatures) {
  testing::TempDir dir;
  const std::string path = dir.File("relations.model");
  {
    std::ofstream out(path, std::ios::binary);
    out << SmallModel().Serialize();
  }
  TypedLinearModel loaded;
  Status s = TypedLinearModel::Load(path, "relation-model", "test-features-2", loaded);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("isnad train-claims"), std::string::npos) << s.message();
  {
    std::ofstream out(path, std::ios::binary);
    out << "# isnad-resource relation-model 1\nthreshold\t0.5\n";
  }
  EXPECT_FALSE(TypedLinearModel::Load(path, "relation-model", "test-features-1", loaded).ok());
}

TEST(LearnedClaims, TheShippedModelsNameTheFeaturesThisEngineMakes) {
  const std::string claims = std::string(ISNAD_RESOURCES_DIR) + "/claims/";
  EXPECT_NE(testing::ReadFile(claims + "relations.model").find("features\t" + PairFeaturesName() + "\n"),
            std::string::npos);
  EXPECT_NE(testing::ReadFile(claims + "triggers.model").find("features\t" + WordFeaturesName() + "\n"),
            std::string::npos);
  EXPECT_NE(testing::ReadFile(claims + "speakers.model").find("features\t" + SpeakerFeaturesName() + "\n"),
            std::string::npos);
  EXPECT_NE(testing::ReadFile(claims + "quotes.model").find("features\t" + QuoteFeaturesName() + "\n"),
            std::string::npos);
}

TEST(ClaimAssembly, AssemblesOneRelationPerSourceTypeAndTargetKeepingUnnamedEvents) {
  Document doc;
  doc.entities.resize(3);
  Relation unnamed;  // an attack by unknown gunmen, kept by the rules
  unnamed.source = -1;
  unnamed.target = 2;
  Relation ruled;  // a named relation of the rules: the model decides these
  ruled.source = 0;
  ruled.target = 1;
  ruled.type = PloverType::kReject;
  doc.relations = {unnamed, ruled};
  ClaimCandidates candidates;
  candidates.pairs = {
      Candidate(0, 1, 0, {1, 2}),    // related, an attack
      Candidate(0, 1, 100, {1, 2}),  // the same claim again: one relation
      Candidate(1, 0, 100, {2}),     // not related
      Candidate(2, 1, 200, {1, 3}),  // related, a meeting
  };
  AssembleRelations(candidates, TypedLinearModel(), SmallModel(), doc);
  ASSERT_EQ(doc.relations.size(), 3u);
  EXPECT_EQ(doc.relations[0].source, -1);
  EXPECT_EQ(doc.relations[1].source, 0);
  EXPECT_EQ(doc.relations[1].type, PloverType::kAssault);
  EXPECT_EQ(doc.relations[1].evidence.begin, 0u);
  EXPECT_EQ(doc.relations[2].source, 2);
  EXPECT_EQ(doc.relations[2].type, PloverType::kConsult);
}

TEST(ClaimAssembly, EachQuoteTakesItsBestRankedSpeaker) {
  Document doc;
  doc.entities.resize(3);
  doc.quotes.resize(3);
  doc.quotes[0].speaker = 1;  // the rules' choices
  doc.quotes[1].speaker = -1;
  doc.quotes[2].speaker = 2;  // no candidates: stays
  TypedLinearModel::Weights good{}, bad{};
  good[kRelatedColumn] = 2.0f;
  bad[kRelatedColumn] = -2.0f;
  TypedLinearModel ranker;
  ranker.Set({{7, good}, {8, bad}}, 0.5f);
  auto candidate = [](uint32_t quote, int entity, uint64_t feature) {
    SpeakerCandidate c;
    c.quote = quote;
    c.entity = entity;
    c.span = Span{10, 20};
    c.features = {feature};
    return c;
  };
  ClaimCandidates candidates;
  candidates.speakers = {candidate(0, -1, 8), candidate(0, 1, 8), candidate(0, 0, 7),
                         candidate(1, -1, 7), candidate(1, 2, 8)};
  AssembleSpeakers(candidates, ranker, doc);
  EXPECT_EQ(doc.quotes[0].speaker, 0);
  EXPECT_EQ(doc.quotes[0].speaker_span.begin, 10u);
  EXPECT_EQ(doc.quotes[1].speaker, -1);
  EXPECT_TRUE(doc.quotes[1].speaker_span.empty());
  EXPECT_EQ(doc.quotes[2].speaker, 2);
}

TEST(LearnedClaims, TheShippedEngineUsesTheRelationModel) {
  EXPECT_TRUE(testing::TestEngine().claims().has_relation_model());
  EXPECT_NE(testing::TestEngine().Provenance().find("relation-model-1 trigger-model-1"), std::string::npos);
  EXPECT_NE(testing::TestEngine().Provenance().find("learned-cues-1"), std::string::npos);
  EXPECT_NE(testing::TestEngine().Provenance().find("speaker-model-2"), std::string::npos);
  EXPECT_NE(testing::TestEngine().Provenance().find("quote-model-1"), std::string::npos);
  EXPECT_FALSE(testing::RulesEngine().claims().has_relation_model());
}

// One sentence under a title and a date, read by the shipped engine and by
// the rules alone.
std::pair<Document, Document> ReadByBoth(const std::string& sentence) {
  RawReport raw;
  raw.id = "t";
  raw.text = "\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86\n2015-08-06\n" + sentence;  // "title"
  RawReport copy = raw;
  std::pair<Document, Document> out;
  testing::TestEngine().Analyze(std::move(raw), out.first);
  testing::RulesEngine().Analyze(std::move(copy), out.second);
  return out;
}

// Quotes the passes after FindQuotes add (the words a relayed report
// quotes: NestRelayedWords), which no detector judges.
size_t RelayedQuotes(const Document& doc) {
  size_t n = 0;
  for (const Quote& q : doc.quotes)
    n += q.parent >= 0 && doc.quotes[static_cast<size_t>(q.parent)].content.begin == q.content.begin &&
         doc.quotes[static_cast<size_t>(q.parent)].content.end == q.content.end;
  return n;
}

// Everything below needs the annotated corpus.
const std::vector<ClaimsExample>& TrainCorpus() {
  static const std::vector<ClaimsExample>* corpus = [] {
    auto* out = new std::vector<ClaimsExample>();
    Status s = ReadClaimsCorpus(testing::RulesEngine(), std::string(ISNAD_SHARED_DIR) + "/corpus/train",
                                ClaimsReadOptions{}, *out);
    if (!s.ok()) ADD_FAILURE() << s.message();
    return out;
  }();
  return *corpus;
}

TEST(LearnedClaims, EveryGoldRelationIsPlacedAndCandidatesAreLabelled) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: no annotated corpus";
  const auto& corpus = TrainCorpus();
  ASSERT_EQ(corpus.size(), 364u);
  int gold = 0, placed = 0;
  size_t labelled = 0;
  for (const auto& ex : corpus) {
    gold += ex.gold_relations;
    placed += ex.gold_relations_placed;
    ASSERT_EQ(ex.labels.size(), ex.candidates.pairs.size());
    ASSERT_EQ(ex.word_labels.size(), ex.candidates.words.size());
    for (uint16_t l : ex.labels) labelled += l != 0;
  }
  EXPECT_EQ(gold, 4074);
  EXPECT_EQ(placed, gold);
  EXPECT_GT(labelled, 1500u);
}

TEST(ModelRebuild, TheLearnedClaimModelsMatchTheCommittedOnes) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: cannot rebuild";
  std::vector<const ClaimsExample*> all;
  for (const auto& ex : TrainCorpus()) all.push_back(&ex);
  const ClaimModels models = TrainClaimModels(all, RelationTrainOptions{}, testing::RulesEngine().claims());
  const std::string claims = std::string(ISNAD_RESOURCES_DIR) + "/claims/";
  EXPECT_TRUE(models.relations.Serialize() == testing::ReadFile(claims + "relations.model"))
      << "resources/claims/relations.model is stale: run `isnad train-claims`";
  EXPECT_TRUE(models.triggers.Serialize("trigger-model") == testing::ReadFile(claims + "triggers.model"))
      << "resources/claims/triggers.model is stale: run `isnad train-claims`";
  EXPECT_TRUE(SerializeCues(models.cues) == testing::ReadFile(claims + "learned_cues.tsv"))
      << "resources/claims/learned_cues.tsv is stale: run `isnad train-claims`";
  EXPECT_TRUE(models.speakers.Serialize("speaker-model") == testing::ReadFile(claims + "speakers.model"))
      << "resources/claims/speakers.model is stale: run `isnad train-claims`";
  EXPECT_TRUE(models.quotes.Serialize("quote-model") == testing::ReadFile(claims + "quotes.model"))
      << "resources/claims/quotes.model is stale: run `isnad train-claims`";
}

TEST(LearnedClaims, QuotesTheRulesDoNotKeepAreProposedAndLabelled) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: no annotated corpus";
  size_t candidates = 0, proposed = 0, proposed_right = 0, rules_right = 0;
  for (const auto& ex : TrainCorpus()) {
    ASSERT_EQ(ex.quote_labels.size(), ex.candidates.quotes.size());
    // Read for training, every quote is kept: the proposed ones too.
    EXPECT_EQ(ex.candidates.quotes.size(), ex.doc.quotes.size() - RelayedQuotes(ex.doc)) << ex.doc_id;
    for (size_t i = 0; i < ex.candidates.quotes.size(); ++i) {
      ++candidates;
      const bool right = ex.quote_labels[i] != 0;
      if (ex.candidates.quotes[i].proposed) {
        ++proposed;
        proposed_right += right;
      } else {
        rules_right += right;
      }
    }
  }
  // Most of the rules' quotes have a gold quote's words; fewer of the
  // proposed ones, which the detector is there to sort.
  EXPECT_GT(proposed, 300u);
  EXPECT_GT(proposed_right, proposed / 5);
  EXPECT_LT(proposed_right, proposed * 3 / 4);
  EXPECT_GT(rules_right, (candidates - proposed) * 3 / 5);
}

TEST(LearnedClaims, TheShippedEngineKeepsAProposedQuote) {
  // "wa-madat al-masadir bi-l-qawl inna al-quwwat taqaddamat ...": the cue
  // is glued to bi-, which the rules never read as speech.
  const auto [shipped, rules] = ReadByBoth(
      "\xD9\x88\xD9\x85\xD8\xB6\xD8\xAA \xD8\xA7\xD9\x84\xD9\x85\xD8\xB5\xD8\xA7\xD8\xAF\xD8\xB1 "
      "\xD8\xA8\xD8\xA7\xD9\x84\xD9\x82\xD9\x88\xD9\x84 \xD8\xA5\xD9\x86 "
      "\xD8\xA7\xD9\x84\xD9\x82\xD9\x88\xD8\xA7\xD8\xAA \xD8\xAA\xD9\x82\xD8\xAF\xD9\x85\xD8\xAA "
      "\xD9\x86\xD8\xAD\xD9\x88 \xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9.\n");
  EXPECT_TRUE(rules.quotes.empty());
  ASSERT_EQ(shipped.quotes.size(), 1u);
  const Span content = shipped.quotes[0].content;
  // al-quwwat "the forces" opens what was said.
  EXPECT_EQ(shipped.text.substr(content.begin, 12), "\xD8\xA7\xD9\x84\xD9\x82\xD9\x88\xD8\xA7\xD8\xAA");
  EXPECT_EQ(shipped.quotes[0].speaker, -1);  // unnamed sources
}

TEST(LearnedClaims, CuesTheHandWrittenListLacksAreLearnedWithTheirKind) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: no annotated corpus";
  std::vector<const ClaimsExample*> all;
  for (const auto& ex : TrainCorpus()) all.push_back(&ex);
  const std::vector<LearnedCue> cues = LearnCues(all, testing::RulesEngine().claims());
  auto find = [&](const std::string& form) -> const LearnedCue* {
    for (const LearnedCue& c : cues)
      if (c.form == form) return &c;
    return nullptr;
  };
  // mubayyinan "explaining" continues its speaker's words; kataba "wrote"
  // names its own speaker; qala, already listed, is not learned again.
  const LearnedCue* explaining = find("\xD9\x85\xD8\xA8\xD9\x8A\xD9\x86\xD8\xA7");
  ASSERT_NE(explaining, nullptr);
  EXPECT_EQ(explaining->kind, CueKind::kContinue);
  const LearnedCue* wrote = find("\xD9\x83\xD8\xAA\xD8\xA8");
  ASSERT_NE(wrote, nullptr);
  EXPECT_EQ(wrote->kind, CueKind::kSay);
  EXPECT_EQ(find("\xD9\x82\xD8\xA7\xD9\x84"), nullptr);
  for (const LearnedCue& c : cues) {
    EXPECT_GE(c.quotes, 2) << c.form;
    EXPECT_GE(4 * c.quotes, c.occurrences) << c.form;
  }
}

TEST(LearnedClaims, TheShippedEngineReadsALearnedCue) {
  // "wa-kataba al-muhallil Ahmad Salih anna ..." : kataba is no cue of the
  // hand-written list.
  const auto [shipped, rules] = ReadByBoth(
      "\xD9\x88\xD9\x83\xD8\xAA\xD8\xA8 \xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF "
      "\xD8\xB5\xD8\xA7\xD9\x84\xD8\xAD \xD8\xA3\xD9\x86 \xD8\xA7\xD9\x84\xD8\xAD\xD8\xB1\xD8\xA8 "
      "\xD8\xB3\xD8\xAA\xD9\x86\xD8\xAA\xD9\x87\xD9\x8A \xD9\x82\xD8\xB1\xD9\x8A\xD8\xA8\xD8\xA7.\n");
  EXPECT_TRUE(rules.quotes.empty());
  ASSERT_EQ(shipped.quotes.size(), 1u);
  const Span content = shipped.quotes[0].content;
  EXPECT_NE(shipped.text.substr(content.begin, content.end - content.begin).find("\xD8\xA7\xD9\x84\xD8\xAD\xD8\xB1\xD8\xA8"),
            std::string::npos);
}

TEST(Accuracy, CrossValidatedRelationsBeatTheRulesOnTrain) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: no annotated corpus";
  CrossValidationOptions options;
  const auto results = CrossValidateRelations(TrainCorpus(), testing::RulesEngine().claims(), options, nullptr);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_EQ(results[0].per_fold.size(), 5u);
  // The rules, never tuned on train, score 0.105 / 0.125 there and quotes
  // 0.433. Read by the committed second reader (which saw train: kinder
  // than `isnad cv --entity-models`), 5-fold cross-validation gave 0.199 /
  // 0.288 and quotes 0.556 when the models were committed (0.23.0; 0.178 /
  // 0.259 and 0.461 in 0.20.0).
  EXPECT_GE(results[0].pooled.relations.f1(), 0.185);
  EXPECT_GE(results[0].pooled.relations_untyped.f1(), 0.27);
  EXPECT_GE(results[0].pooled.quotes.f1(), 0.53);
}

}  // namespace
}  // namespace isnad
