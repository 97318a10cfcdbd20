// Claims are read sentence by sentence over the tokens and the entity
// mentions. Quotes first, because a relation's polarity and claimants come
// from the reported speech it sits in. The rules are deliberately local (a
// window of words around the cue or trigger, never across sentences except
// for a speaker carried by a continuing verb): a wrong edge in the network is
// worse than a missing one.
#include "isnad/claims/claims.h"
#include "isnad/claims/reading.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>
#include <tuple>

#include "isnad/entities/entities.h"
#include "isnad/text/arabic.h"
#include "isnad/text/normalize.h"
#include "isnad/text/segment.h"
#include "isnad/text/sentences.h"
#include "isnad/text/utf8.h"

namespace isnad {

using namespace claims_internal;

namespace {


const NormalizeOptions& Match() {
  static const NormalizeOptions m = NormalizeOptions::Matching();
  return m;
}

constexpr size_t kNeedsBefore = 4;  // words before a "needs" trigger where its object may stand
constexpr size_t kNeedsAfter = 6;   // ... and after it
constexpr int kSubjectWindow = 8;   // words before a verb where its subject may stand
constexpr uint32_t kRecordingReach = 6;   // sentences of a published recording's quotes
constexpr uint32_t kNegationReach = 10;   // words from a negating noun (adam) to what it negates
constexpr int kObjectWindow = 8;    // words after a trigger where its object may stand
// An object noun's genitive starts within this many words of it, titles
// between (ightiyal ra'is al-wuzara' al-sabiq Rafiq al-Hariri).
constexpr uint32_t kGenitiveReach = 5;
// Words between a mutual noun and its bayna.
constexpr uint32_t kBetweenReach = 6;


// Does this number (a kNumber token) take its counted noun in the
// singular, a form a verb can share (300 talib "students", 12,250 talab
// "requests")? From 3 to 10 the noun is a plural (3 tullab), from 11 to 99
// an accusative in -an (25 taliban): only from 100 on is it a bare
// singular. A year (four digits from 1900 to 2099) counts nothing, nor
// does a number with a decimal point. Digits in any script; a thousands
// separator (, or the Arabic one) is skipped.
bool CountsASingular(std::string_view number) {
  uint64_t value = 0;
  int digits = 0;
  bool separated = false;
  for (size_t pos = 0; pos < number.size();) {
    char32_t c = utf8::Next(number, pos);
    const int d = c >= U'0' && c <= U'9' ? static_cast<int>(c - U'0') : arabic::IndicDigitValue(c);
    if (c == U',' || c == 0x066C) {
      separated = true;
      continue;
    }
    if (d < 0 || digits > 15) return false;
    value = value * 10 + static_cast<uint64_t>(d);
    ++digits;
  }
  const bool year = !separated && digits == 4 && value >= 1900 && value <= 2099;
  return value >= 100 && !year;
}


// Acts that doers joined by wa carry out together (a joint operation).
bool IsJointAction(PloverType type) { return type == PloverType::kAssault || type == PloverType::kCoerce; }

// Does this form look like an imperfect verb (yaf'al, taf'al)? qad before
// one hedges ("qad yakun": it may be), before a perfect it asserts ("qad
// qatala": he has killed). Ta also opens perfects of the fifth and sixth
// forms (tamma, tamakkanat, tawassalat); those of three letters or ending
// in the feminine -at are read as perfects (a masculine one of four,
// tamakkana, cannot be told from tumkinu and stays hedged).
bool LooksImperfect(std::string_view form) {
  static constexpr std::string_view kYehLetter = "\xD9\x8A", kTehLetter = "\xD8\xAA";
  if (form.starts_with(kYehLetter)) return true;
  return form.starts_with(kTehLetter) && form.size() >= 4 * kTehLetter.size() && !form.ends_with(kTehLetter);
}

}  // namespace

const char* PloverTypeName(PloverType t) {
  static const char* kNames[] = {"AGREE",    "CONSULT",  "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                                 "RETREAT",  "REQUEST",  "ACCUSE",  "REJECT",  "THREATEN",  "PROTEST",
                                 "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT"};
  return kNames[static_cast<int>(t)];
}

bool ParsePloverType(std::string_view name, PloverType& out) {
  for (int i = 0; i < 16; ++i)
    if (name == PloverTypeName(static_cast<PloverType>(i))) {
      out = static_cast<PloverType>(i);
      return true;
    }
  return false;
}

Status ClaimExtractor::Load(const std::string& dir, ClaimExtractor& out, bool with_event_model,
                            bool with_relation_model) {
  ResourceFile cues, triggers;
  Status s = ReadResourceFile(dir + "/claims/cues.txt", "claim-cues", 1, cues);
  if (!s.ok()) return s;
  s = ReadResourceFile(dir + "/claims/triggers.tsv", "claim-triggers", 1, triggers);
  if (!s.ok()) return s;
  out = ClaimExtractor();
  s = EventDater::Load(dir, out.dater_);
  if (!s.ok()) return s;
  // The clitic inventory says how ta marbuta is written before a pronoun:
  // read it rather than repeat it.
  SegmentationRules segmentation;
  s = SegmentationRules::Load(dir + "/text/segmentation.txt", segmentation);
  if (!s.ok()) return s;
  out.teh_ = Normalize(segmentation.teh, Match());
  out.teh_marbuta_ = Normalize(segmentation.teh_marbuta, Match());
  // The entity rules say which nouns begin an outlet's name (qanat, sahifa).
  EntityRules entity_rules;
  s = EntityRules::Load(dir + "/entities/entity_rules.txt", entity_rules);
  if (!s.ok()) return s;
  out.outlet_nouns_ = std::move(entity_rules.outlet);
  out.press_nouns_ = std::move(entity_rules.press);
  out.title_words_ = std::move(entity_rules.title);
  // -u of a plural past verb: it ends no name there, and here its subject is in it.
  out.plural_verb_ending_ = Normalize(entity_rules.verb_ending, Match());
  static const std::pair<const char*, CueKind> kKinds[] = {
      {"say", CueKind::kSay},           {"deny", CueKind::kDeny},           {"allege", CueKind::kAllege},
      {"continue", CueKind::kContinue}, {"according", CueKind::kAccording}, {"unnamed", CueKind::kUnnamed},
      {"opener", CueKind::kOpener}};
  static const std::pair<const char*, Role> kRoles[] = {
      {"between", kBetween}, {"against", kAgainst},   {"with", kWith},           {"from", kFrom},
      {"in", kIn},           {"negation", kNegation}, {"and", kAnd},             {"hedge", kHedge},
      {"then", kThen},       {"break", kBreak},       {"office", kOffice},       {"to", kTo},
      {"by", kBy},           {"relative", kRelative}, {"affiliation", kAffiliation},
      {"recording", kRecording}, {"negating_noun", kNegatingNoun}, {"support", kSupport}, {"agent", kAgent},
      {"occasion", kOccasion}, {"quantity", kQuantity},
      {"report_noun", kReportNoun}, {"contrast", kContrast}, {"modal", kModal}, {"time_clause", kTimeClause}, {"like", kLike},
      {"bayna_only", kBaynaOnly}, {"passive_homograph", kPassiveHomograph}, {"passive_mark", kPassiveMark},
      {"noun_head", kNounHead}, {"visit", kVisit},
      {"verbal_with_person", kVerbalWithPerson}, {"area", kArea}};
  for (std::string_view line : cues.lines) {
    auto f = SplitFields(line);
    if (f.size() < 2) continue;
    if (f[0] == "compound" && f.size() >= 3) {
      // A trigger form and the words after which it is part of a fixed
      // compound, not a trigger: "form next" in compounds_.
      const std::string form = Normalize(f[1], Match());
      out.compound_heads_.Insert(form, 1);
      for (size_t i = 2; i < f.size(); ++i) out.compounds_.Insert(form + " " + Normalize(f[i], Match()), 1);
      continue;
    }
    if (f[0] == "needs" && f.size() >= 3) {
      // A trigger form and the words one of which must stand near it for
      // it to be one: "form word" in needs_.
      const std::string form = Normalize(f[1], Match());
      out.needs_heads_.Insert(form, 1);
      for (size_t i = 2; i < f.size(); ++i) out.needs_.Insert(form + " " + Normalize(f[i], Match()), 1);
      continue;
    }
    if (f[0] == "role") {
      uint32_t role = 0;
      for (auto [name, r] : kRoles)
        if (f[1] == name) role = r;
      if (f[1] == "article" && f.size() == 3) {
        out.article_ = Normalize(f[2], Match());
        continue;
      }
      // Word lists of their own, outside the role table. Light keeps alef
      // maqsura: under Matching yud'a "is named" would fold into yadda'i
      // "claims", and ala into the name Ali.
      const struct {
        const char* name;
        WordTable* table;
        NormalizeOptions normalize;
      } kLists[] = {{"naming", &out.naming_verbs_, NormalizeOptions::Light()},
                    {"verb_preposition", &out.verb_prepositions_, NormalizeOptions::Light()},
                    {"verb_preposition", &out.destinations_, Match()},
                    {"relay", &out.relay_verbs_, Match()},
                    {"plural_pronoun", &out.plural_pronouns_, Match()},
                    {"first_person", &out.first_person_pronouns_, Match()},
                    {"attribution", &out.attribution_words_, Match()},
                    {"game_word", &out.game_words_, Match()},
                    {"game_trigger", &out.game_triggers_, Match()},
                    {"loyal_to_head", &out.loyal_to_heads_, Match()}};
      bool listed = false;
      for (const auto& list : kLists)
        if (f[1] == list.name) {
          for (size_t i = 2; i < f.size(); ++i) list.table->Insert(Normalize(f[i], list.normalize), 1);
          listed = true;
        }
      if (listed) continue;
      if (!role) return Status::Error(cues.path + ": unknown role " + std::string(f[1]));
      for (size_t i = 2; i < f.size(); ++i) {
        out.words_.Insert(Normalize(f[i], Match()), role);
        if (role == kNegation || role == kNegatingNoun) out.negations_.Insert(Normalize(f[i], Match()), 1);
      }
      continue;
    }
    uint32_t kind = 0;
    for (auto [name, k] : kKinds)
      if (f[0] == name) kind = static_cast<uint32_t>(k);
    if (!kind) return Status::Error(cues.path + ": unknown cue kind " + std::string(f[0]));
    for (size_t i = 1; i < f.size(); ++i) {
      std::string n = Normalize(f[i], Match());
      if (!out.cues_.Contains(n)) out.cues_.Insert(n, kind);
    }
  }
  for (std::string_view line : triggers.lines) {
    auto f = SplitFields(line);
    PloverType type;
    if ((f.size() != 3 && f.size() != 4) || !ParsePloverType(f[1], type))
      return Status::Error(triggers.path + ": expected 'form TYPE frame [noun-frame]': " + std::string(line));
    static const std::pair<const char*, ArgumentFrame> kFrames[] = {
        {"verb", ArgumentFrame::kVerb},         {"noun", ArgumentFrame::kNoun},
        {"mutual", ArgumentFrame::kMutual},     {"passive", ArgumentFrame::kPassive},
        {"object_noun", ArgumentFrame::kObjectNoun}, {"agent_noun", ArgumentFrame::kAgentNoun}};
    auto frame_named = [](std::string_view name, ArgumentFrame& frame) {
      for (auto [n, fr] : kFrames)
        if (name == n) {
          frame = fr;
          return true;
        }
      return false;
    };
    ArgumentFrame frame, noun_frame;
    if (!frame_named(f[2], frame)) return Status::Error(triggers.path + ": unknown frame " + std::string(f[2]));
    std::string form = Normalize(f[0], Match());
    if (out.triggers_.Contains(form))
      return Status::Error(triggers.path + ": trigger '" + std::string(f[0]) + "' is listed twice");
    out.triggers_.Insert(form, TriggerCode(type, frame));
    if (f.size() == 4) {
      const bool known = frame_named(f[3], noun_frame);
      const bool verb_as_noun = known && frame == ArgumentFrame::kVerb &&
                                (noun_frame == ArgumentFrame::kNoun || noun_frame == ArgumentFrame::kObjectNoun);
      const bool one_way_mutual =
          known && frame == ArgumentFrame::kMutual && noun_frame == ArgumentFrame::kObjectNoun;
      if (!verb_as_noun && !one_way_mutual)
        return Status::Error(triggers.path +
                             ": a fourth column is a verb's verbal-noun frame (noun, object_noun) or a "
                             "mutual noun's object_noun: " +
                             std::string(line));
      out.noun_frames_.Insert(form, static_cast<uint32_t>(noun_frame));
    }
  }
  out.fingerprint_ = cues.name + "-" + std::to_string(cues.version) + " " + triggers.name + "-" +
                     std::to_string(triggers.version);
  if (with_event_model) {
    s = EventModel::Load(dir + "/claims/events.model", out.events_);
    if (!s.ok()) return s;
    out.fingerprint_ += " event-model-1";
  }
  // Cues learned from the annotated reports: part of the learned claims
  // (not read while they are being learned).
  const std::string learned_cues = dir + "/claims/learned_cues.tsv";
  if (with_relation_model && std::filesystem::exists(learned_cues)) {
    ResourceFile file;
    s = ReadResourceFile(learned_cues, "learned-cues", 1, file);
    if (!s.ok()) return s;
    std::vector<std::pair<std::string, CueKind>> learned;
    for (std::string_view line : file.lines) {
      const auto f = SplitFields(line);
      if (f.size() < 2 || (f[0] != "say" && f[0] != "continue"))
        return Status::Error(learned_cues + ": expected 'say|continue<TAB>form...': " + std::string(line));
      learned.emplace_back(std::string(f[1]), f[0] == "say" ? CueKind::kSay : CueKind::kContinue);
    }
    out.AddCues(learned);
    out.fingerprint_ += " learned-cues-1";
  }
  // The learned relation detector; without it the rules' relations stand.
  const std::string relation_model = dir + "/claims/relations.model";
  if (with_relation_model && std::filesystem::exists(relation_model)) {
    s = TypedLinearModel::Load(relation_model, "relation-model", PairFeaturesName(), out.relation_model_);
    if (s.ok())
      s = TypedLinearModel::Load(dir + "/claims/triggers.model", "trigger-model", WordFeaturesName(), out.trigger_model_);
    const std::string speakers = dir + "/claims/speakers.model";
    if (s.ok() && std::filesystem::exists(speakers)) {
      s = TypedLinearModel::Load(speakers, "speaker-model", SpeakerFeaturesName(), out.speaker_model_);
      out.fingerprint_ += " speaker-model-2";
    }
    const std::string quotes = dir + "/claims/quotes.model";
    if (s.ok() && std::filesystem::exists(quotes)) {
      s = TypedLinearModel::Load(quotes, "quote-model", QuoteFeaturesName(), out.quote_model_);
      out.fingerprint_ += " quote-model-1";
    }
    if (!s.ok()) return s;
    out.fingerprint_ += " relation-model-1 trigger-model-1";
  }
  return Status::Ok();
}

size_t ClaimExtractor::AddCues(const std::vector<std::pair<std::string, CueKind>>& cues) {
  size_t added = 0;
  for (const auto& [form, kind] : cues) {
    const std::string n = Normalize(form, Match());
    if (n.empty() || IsCueOrClosedWord(n)) continue;
    cues_.Insert(n, static_cast<uint32_t>(kind));
    ++added;
  }
  return added;
}

// A report as the claim rules read it: each token's clitic-free form, the
// clitics glued to it, its entries in the cue, role and trigger tables, and
// the mention it belongs to; built once by ReadTokens.

// The actors around one trigger, as FindRelations reads them.
struct ClaimExtractor::Surroundings {
  const Reading* reading = nullptr;
  const Sentence* s = nullptr;
  uint32_t t = 0;
  ArgumentFrame frame = ArgumentFrame::kVerb;
  bool verbal_noun = false;
  std::vector<std::pair<int, uint32_t>> after;  // actors after it: entity, first token
  int location = -1;
  int before = -1;  // the nearest actor before it that can act
  uint32_t before_at = 0;
  std::vector<int> before_group;  // and those joined to it by wa
  // The same before a verbal noun's doer was ruled out: still whom it was
  // done to when ala yad / min qibal names the doer (ta'arrada X li-l-hujum
  // min qibal Y).
  int nearest_before = -1;
  std::vector<int> nearest_before_group;
  int marked_target = -1;         // an actor after didda/ala
  bool subject_of_support = false;  // the actors before it follow a support verb and end right before it
  bool plural_verb = false;         // a verb with a plural subject in it (qatalu): what follows is its object
  bool passive_verb = false;        // a verb read as passive (usiba, qutila): its subject is the one done to
  bool pronoun_subject = false;   // a verb whose subject is a pronoun on the opener before it
  int pronoun_doer = -1;          // whom that pronoun takes up
  int antecedent = -1;            // what its object pronoun refers to
  int shared_object = -1, shared_doer = -1;  // a conjoined verb's pronoun and the last verb's doer
  size_t doer_after_support = 0;  // index in `after`, or after.size()
  size_t agent = 0;               // index in `after` of the one after ala yad / min qibal, or after.size()

  std::vector<int> GroupFrom(size_t first) const;
  bool GenitiveOfNoun(uint32_t k) const;
};

bool ClaimExtractor::NamedAsMedia(const Entity& e, const WordTable& nouns) const {
  if (e.key.rfind("media:", 0) == 0) return true;
  const std::string name = Normalize(e.name, Match());
  return nouns.Contains(std::string_view(name).substr(0, name.find(' ')));
}

std::string ClaimExtractor::AfterLi(const std::string& form) const {
  const std::string_view lam = std::string_view(article_).substr(article_.size() / 2);
  if (lam.empty() || !form.starts_with(lam)) return {};
  return article_.substr(0, article_.size() - lam.size()) + form;
}

int ClaimExtractor::LoyalTo(const Reading& reading, const Sentence& s, uint32_t t) const {
  // "al-jaysh al-Yamani al-muwali li-l-shar'iyya al-liwa' Muhammad
  // al-Maqdashi": the army is loyal to legitimacy, not to the general. The
  // word after it with li- (past quotation marks), or after titles there
  // (li-l-ra'is al-Yamani Abd Rabbuh Mansur Hadi) and the government,
  // legitimacy or regime of a man (li-hukumat Hadi).
  uint32_t k = t + 1;
  while (k < s.token_end && reading.IsQuote(k)) ++k;
  if (k >= s.token_end || !(reading.has_to[k] || reading.role_of[k] == kTo)) return -1;
  if (reading.role_of[k] == kTo) ++k;
  while (k < s.token_end && reading.IsQuote(k)) ++k;
  auto listed = [&](const std::string& w) { return title_words_.Contains(w) || loyal_to_heads_.Contains(w); };
  auto title = [&](uint32_t j) {
    // li-l-ra'is is written lilra'is: the article's alif comes back.
    const std::string& w = reading.form[j];
    return listed(w) || (reading.has_to[j] && listed(AfterLi(w)));
  };
  for (int skipped = 0; k < s.token_end && reading.EntityAt(k) < 0 && skipped < 3 && title(k); ++skipped) ++k;
  return k < s.token_end ? reading.EntityAt(k) : -1;
}

bool ClaimExtractor::ForcesOf(const Reading& reading, const Sentence& s, int entity) const {
  // "al-quwwat al-muwaliya li-(l-ra'is) Hadi": an affiliation adjective
  // in the sentence names him.
  for (uint32_t k = s.token_begin; k < s.token_end; ++k)
    if (reading.role_of[k] == kAffiliation && LoyalTo(reading, s, k) == entity) return true;
  return false;
}

bool ClaimExtractor::HasSuffixIn(const Reading& reading, size_t t, const WordTable& pronouns) const {
  const TextAnalysis& a = reading.a;
  for (uint32_t k = a.first_segment[t]; k < a.first_segment[t + 1]; ++k)
    if (a.segments[k].kind == SegmentKind::kSuffix &&
        pronouns.Contains(
            Normalize(reading.text.substr(a.segments[k].begin, a.segments[k].end - a.segments[k].begin), Match())))
      return true;
  return false;
}

void ClaimExtractor::Extract(Document& doc) const {
  if (relation_model_.empty()) {
    RunPasses(doc, nullptr, false, false);
    return;
  }
  ClaimCandidates candidates;
  RunPasses(doc, &candidates, !quote_model_.empty(), false);
  AssembleSpeakers(candidates, speaker_model_, doc);
  AssembleRelations(candidates, trigger_model_, relation_model_, doc);
}

void ClaimExtractor::ExtractCandidates(Document& doc, ClaimCandidates& out) const { RunPasses(doc, &out, true, true); }

void ClaimExtractor::RunPasses(Document& doc, ClaimCandidates* candidates, bool propose_quotes,
                               bool record_quotes) const {
  doc.quotes.clear();
  doc.relations.clear();
  Reading reading{doc, doc.analysis, doc.text, doc.analysis.tokens.size()};
  reading.propose_quotes = propose_quotes;
  if (candidates) {
    candidates->quotes.clear();
    if (record_quotes) reading.quote_candidates = &candidates->quotes;
  }
  ReadTokens(reading);
  FindQuotes(reading);
  NestRelayedWords(reading);
  NestPublishedRecordings(reading);
  FindRelations(reading);
  if (!candidates) return;
  FindCandidates(reading, *candidates);
  FindSpeakerCandidates(reading, *candidates);
}

void ClaimExtractor::ReadTokens(Reading& reading) const {
  Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  std::string_view text = reading.text;
  const size_t n = reading.n;
  auto& form = reading.form;
  auto& has_and = reading.has_and;
  auto& has_to = reading.has_to;
  auto& has_by = reading.has_by;
  auto& has_object = reading.has_object;
  auto& mention_at = reading.mention_at;
  auto& cue_of = reading.cue_of;
  auto& role_of = reading.role_of;
  auto& trigger_of = reading.trigger_of;
  form.assign(n, std::string());
  has_and.assign(n, false);
  has_to.assign(n, false);
  has_by.assign(n, false);
  reading.has_like.assign(n, false);
  has_object.assign(n, false);
  mention_at.assign(n, -1);
  cue_of.assign(n, 0);
  role_of.assign(n, 0);
  trigger_of.assign(n, 0);

  // Per token: its clitic-free form, whether "wa" is glued to it, and the
  // mention (if any) it belongs to.
  for (size_t t = 0; t < n; ++t) {
    // The prefix right before the stem, and its role (for bi-/li-/ka- below).
    uint32_t last_prefix_begin = 0, last_prefix_role = 0;
    for (uint32_t k = a.first_segment[t]; k < a.first_segment[t + 1]; ++k) {
      const Segment& sg = a.segments[k];
      if (sg.kind == SegmentKind::kSuffix) has_object[t] = true;
      if (sg.kind != SegmentKind::kPrefix) continue;
      uint32_t role = words_.Find(Normalize(text.substr(sg.begin, sg.end - sg.begin), Match()));
      last_prefix_begin = sg.begin;
      last_prefix_role = role;
      if (role == kAnd) has_and[t] = true;
      if (role == kTo) has_to[t] = true;
      if (role == kBy) has_by[t] = true;
      if (role == kLike) reading.has_like[t] = true;
    }
    auto [begin, end] = a.StemSpan(t);
    form[t] = Normalize(text.substr(begin, end - begin), Match());
    // The segmenter keeps wa-adafa whole when the lexicon sees it more
    // often that way; the cue and trigger tables still want adafa.
    if (!has_and[t] && a.tokens[t].kind == TokenKind::kWord && !cues_.Contains(form[t]) &&
        !triggers_.Contains(form[t]) && form[t].size() > 4) {
      std::string rest = form[t].substr(2);  // one Arabic letter
      uint32_t conj = words_.Find(form[t].substr(0, 2));
      if ((conj == kAnd || conj == kThen) && (cues_.Contains(rest) || triggers_.Contains(rest))) {
        form[t] = rest;
        has_and[t] = true;
      }
    }
    // The segmenter may cut a verb's first letter as bi-, li- or ka- (bahatha
    // read as bi- + hatha): when what is left is no cue or trigger and the
    // word with that letter back is one, the letter is the word's own.
    const uint32_t role = last_prefix_role;
    if (a.tokens[t].kind == TokenKind::kWord && (role == kBy || role == kTo || role == kLike) &&
        !cues_.Contains(form[t]) && !triggers_.Contains(form[t])) {
      std::string whole = Normalize(text.substr(last_prefix_begin, end - last_prefix_begin), Match());
      if (cues_.Contains(whole) || triggers_.Contains(whole)) {
        form[t] = std::move(whole);
        if (role == kBy) has_by[t] = false;
        if (role == kTo) has_to[t] = false;
        if (role == kLike) reading.has_like[t] = false;
      }
    }
    // li- before the article drops its alif (li-l-hujum is written lilhujum):
    // the segmenter leaves "lhujum"; the trigger is al-hujum (or hujum).
    // (The article's second letter opens the form; its first comes back.)
    if (has_to[t] && a.tokens[t].kind == TokenKind::kWord && !triggers_.Contains(form[t]) && form[t].size() > 4) {
      std::string definite = AfterLi(form[t]);
      if (!definite.empty()) {
        std::string bare = definite.substr(article_.size());
        if (triggers_.Contains(definite))
          form[t] = std::move(definite);
        else if (triggers_.Contains(bare))
          form[t] = std::move(bare);
      }
    }
    // Before a pronoun a final ta marbuta is written teh (halifatuha,
    // muwajahatuhum); the segmenter cuts the pronoun and leaves the teh:
    // the trigger is the noun with its ta marbuta.
    if (a.tokens[t].kind == TokenKind::kWord && !triggers_.Contains(form[t]) && end < a.tokens[t].end &&
        !teh_.empty() && form[t].size() > teh_.size() + 2 && form[t].ends_with(teh_)) {
      std::string noun = form[t].substr(0, form[t].size() - teh_.size()) + teh_marbuta_;
      if (triggers_.Contains(noun)) {
        form[t] = noun;
        has_object[t] = true;
      }
    }
    // A pronoun after a final hamza moves it onto a seat (liqa' -> liqa'uhu,
    // liqa'ihi; hulafa' -> hulafa'ihi) and the segmenter, not knowing the
    // form, keeps it whole: the trigger is the noun with its hamza back.
    if (a.tokens[t].kind == TokenKind::kWord && !triggers_.Contains(form[t])) {
      std::string_view w = form[t];
      for (std::string_view pronoun : {"\xD9\x87", "\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85"}) {  // -hu, -ha, -hum
        if (w.size() <= pronoun.size() + 4 || w.substr(w.size() - pronoun.size()) != pronoun) continue;
        std::string_view seat = w.substr(w.size() - pronoun.size() - 2, 2);
        if (seat != "\xD8\xA6" && seat != "\xD8\xA4") continue;  // ya' or waw hamza seat
        std::string noun = std::string(w.substr(0, w.size() - pronoun.size() - 2)) + "\xD8\xA1";  // hamza
        if (triggers_.Contains(noun)) {
          form[t] = noun;
          has_object[t] = true;
        }
        break;
      }
    }
  }
  // Right after a number is what it counts, a noun: "300 talib" are
  // students, "12,250 talab" requests, not "demanded" (CountsASingular:
  // below 100 the noun takes another form, and a small number after a
  // name is often part of it: Sky News 24, iPhone 7). Only a form that can
  // be a noun: not an imperfect (tu'akkid), a participle in -an (lafitan)
  // or a word with the article (a count is indefinite: al-muwali); not
  // after a number hyphened to a name (the type of a plane, a missile),
  // nor with a clitic, which begins a clause where there are no stops
  // ("... 120 wa-qala"), nor on another line (a date line ends in a
  // number).
  auto counted_noun = [&](size_t t) {
    if (t == 0 || a.tokens[t - 1].kind != TokenKind::kNumber) return false;
    const Token& number = a.tokens[t - 1];
    const std::string& f = form[t];
    return text.substr(number.end, a.tokens[t].begin - number.end).find('\n') == std::string_view::npos &&
           (number.begin == 0 || text[number.begin - 1] != '-') &&
           a.segments[a.first_segment[t]].kind == SegmentKind::kStem && !has_and[t] && !LooksImperfect(f) &&
           !f.ends_with("\xD8\xA7") && !f.starts_with(article_) &&  // alif of -an; the article
           CountsASingular(text.substr(number.begin, number.end - number.begin));
  };
  // Each token's entries in the cue, role and trigger tables, looked up once.
  for (size_t t = 0; t < n; ++t) {
    cue_of[t] = static_cast<uint8_t>(cues_.Find(form[t]));
    role_of[t] = static_cast<uint8_t>(words_.Find(form[t]));
    trigger_of[t] = triggers_.Find(form[t]);
    const CueKind cue = static_cast<CueKind>(cue_of[t]);
    const bool speech_verb = cue == CueKind::kSay || cue == CueKind::kDeny || cue == CueKind::kAllege;
    if ((speech_verb || (trigger_of[t] && TriggerFrame(trigger_of[t]) == ArgumentFrame::kVerb)) && counted_noun(t)) {
      if (speech_verb) cue_of[t] = 0;
      if (trigger_of[t] && TriggerFrame(trigger_of[t]) == ArgumentFrame::kVerb) trigger_of[t] = 0;
    }
    // A fixed compound (tard markazi "centrifuge", fajr al-yawm "dawn
    // today", usiba bi-maradin "fell ill"): the next word, without its
    // clitics, says the trigger is none here.
    if (trigger_of[t] && t + 1 < n && compound_heads_.Contains(form[t]) &&
        compounds_.Contains(form[t] + " " + form[t + 1]))
      trigger_of[t] = 0;
    // A trigger that is one only with its object near it (atlaqa: fire,
    // rockets, gas, before it in a relative clause too: bi-sarukh
    // atlaqathu X); without one it launches a campaign, a product, a name.
    if (trigger_of[t] && needs_heads_.Contains(form[t])) {
      const std::string head = form[t] + " ";
      bool found = false;
      for (size_t k = t >= kNeedsBefore ? t - kNeedsBefore : 0; k <= t + kNeedsAfter && k < n && !found; ++k)
        found = k != t && needs_.Contains(head + form[k]);
      if (!found) trigger_of[t] = 0;
    }
  }
  // In a sentence about a game, its attacks and sendings-off are the game's.
  // (Only a sentence with such a trigger is searched for a game's word.)
  for (const Sentence& s : a.sentences) {
    bool move = false;
    for (uint32_t t = s.token_begin; t < s.token_end && !move; ++t)
      move = trigger_of[t] && game_triggers_.Contains(form[t]);
    if (!move) continue;
    bool game = false;
    for (uint32_t t = s.token_begin; t < s.token_end && !game; ++t) game = game_words_.Contains(form[t]);
    if (!game) continue;
    for (uint32_t t = s.token_begin; t < s.token_end; ++t)
      if (trigger_of[t] && game_triggers_.Contains(form[t])) trigger_of[t] = 0;
  }
  // The longest mention covering each token (mentions are not all in
  // text order: back-references are appended).
  for (size_t mi = 0; mi < doc.mentions.size(); ++mi) {
    const Mention& m = doc.mentions[mi];
    // A one-word "name" that is a trigger or a cue (hajamat tagged as a
    // person) is the tagger's mistake, not an actor; a collective the
    // entity rules name (al-mu'tasimun, the protesters) is one.
    if (!doc.entities[m.entity].generic) {
      std::string w = Normalize(text.substr(m.span.begin, m.span.end - m.span.begin), Match());
      if (w.find(' ') == std::string::npos && (triggers_.Contains(w) || cues_.Contains(w))) continue;
    }
    const size_t first = reading.TokenAt(m.span.begin);
    for (size_t k = first; k < n && a.tokens[k].begin < m.span.end; ++k)
      if (mention_at[k] < 0 || doc.mentions[mention_at[k]].span.end - doc.mentions[mention_at[k]].span.begin <
                                   m.span.end - m.span.begin)
        mention_at[k] = static_cast<int>(mi);
    // A name that begins with what the segmenter took for a clitic (Ban
    // Ki-moon read as bi- + an "that"): the entity stage kept the letters
    // as the name's, so they are no preposition, and the word is no cue or
    // trigger.
    if (first < n && m.span.begin == a.tokens[first].begin && a.first_segment[first] < a.first_segment[first + 1] &&
        a.segments[a.first_segment[first]].kind == SegmentKind::kPrefix) {
      has_and[first] = has_to[first] = has_by[first] = reading.has_like[first] = false;
      cue_of[first] = 0;
      role_of[first] = 0;
      trigger_of[first] = 0;
    }
  }
}

void ClaimExtractor::NestRelayedWords(Reading& reading) const {
  Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& role_of = reading.role_of;
  // "naqalat wakalat Reuters an wazir al-kharijiyya X qawlahu inna ...":
  // the agency relays what X said. The words are X's, within the agency's
  // quote, so that the claims in them are the agency's account of X's.
  for (size_t qi = 0; qi < doc.quotes.size(); ++qi) {
    const Quote relay = doc.quotes[qi];
    const size_t cue = reading.TokenAt(relay.cue.begin);
    if (!relay_verbs_.Contains(reading.form[cue])) continue;
    const size_t content = reading.TokenAt(relay.content.begin);
    const Sentence& s = a.sentences[relay.sentence];
    // an, then whom (a name, or an unnamed source), then qawlahu: all
    // before the content.
    size_t from = cue + 1;
    while (from < content && role_of[from] != kFrom) ++from;
    int speaker = -1;
    Span speaker_span;
    // qawlahu is listed with its pronoun, which the segmenter cuts from the
    // form: looked up whole here only. (Read as a cue everywhere, it starts
    // quotes of its own: dev quotes 0.746 -> 0.733.)
    auto says = [&](size_t k) {
      const auto [begin, end] = a.AfterPrefixes(k);
      return reading.CueAt(k) == CueKind::kSay ||
             cues_.Find(Normalize(reading.text.substr(begin, end - begin), Match())) ==
                 static_cast<uint32_t>(CueKind::kSay);
    };
    size_t k = from + 1;
    for (; k < content && k <= from + 12; ++k) {
      if (says(k)) break;
      // (An indefinite one: al-mutahaddith bi-ism X may be named next.)
      if (speaker < 0 && speaker_span.empty() && reading.CueAt(k) == CueKind::kUnnamed &&
          !Definite(reading.form[k], article_))
        speaker_span = Span{a.tokens[k].begin, a.tokens[k].end};
      // (masdar fi al-jaysh: an unnamed source, whatever body it is in.)
      // A person before any other actor (al-mutahaddith bi-ism al-maktab
      // al-ri'asi fi Rusiya Dmitri Peskov); no place after fi.
      const int e = reading.EntityAt(k);
      if (e < 0 || e == relay.speaker || reading.mention_at[k - 1] == reading.mention_at[k] || role_of[k - 1] == kIn)
        continue;
      const bool person = doc.entities[e].type == EntityType::kPer;
      if ((speaker < 0 && speaker_span.empty()) ||
          (speaker >= 0 && person && doc.entities[speaker].type != EntityType::kPer)) {
        speaker = e;
        speaker_span = doc.mentions[reading.mention_at[k]].span;
      }
    }
    if (from >= content || k >= content || k > from + 12 || k >= s.token_end || !says(k) ||
        (speaker < 0 && speaker_span.empty()))
      continue;
    Quote words;
    words.speaker = speaker;
    words.speaker_span = speaker_span;
    words.cue = Span{a.tokens[k].begin, a.tokens[k].end};
    words.content = relay.content;
    words.sentence = relay.sentence;
    words.parent = static_cast<int>(qi);
    // Inserted right after the relay: later quotes' links move one on.
    for (Quote& q : doc.quotes)
      if (q.parent > static_cast<int>(qi)) ++q.parent;
    doc.quotes.insert(doc.quotes.begin() + static_cast<long>(qi) + 1, words);
    ++qi;
  }
}

void ClaimExtractor::NestPublishedRecordings(Reading& reading) const {
  Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& role_of = reading.role_of;
  // A recording an outlet publishes (tasribat bathatha qanat X) speaks in
  // its speakers' voices by the outlet's word: the quotes of the next few
  // sentences nest under the publication, so that what the officer says in
  // the leak is claimed by the channel, then the officer.
  for (size_t qi = 0; qi < doc.quotes.size(); ++qi) {
    const Quote& pub = doc.quotes[qi];
    if (pub.speaker < 0 || doc.entities[pub.speaker].type != EntityType::kOrg || pub.parent >= 0) continue;
    const Sentence& ps = a.sentences[pub.sentence];
    bool recording = false;
    for (uint32_t k = ps.token_begin; k < ps.token_end && !recording; ++k)
      recording = role_of[k] == kRecording;
    if (!recording) continue;
    for (size_t qj = qi + 1; qj < doc.quotes.size(); ++qj) {
      Quote& q = doc.quotes[qj];
      if (q.sentence > pub.sentence + kRecordingReach) break;
      if (q.speaker == pub.speaker) break;  // the outlet speaks for itself again
      // bi-hasab X is the report's own attribution, not the recording's.
      bool according = reading.CueAt(reading.TokenAt(q.cue.begin)) == CueKind::kAccording;
      if (q.parent < 0 && !according) q.parent = static_cast<int>(qi);
    }
  }
}

// Coordinated actors act together: "X wa Y shannu hujuman", "shanna X wa Y
// hujuman didda Z". A group is a run of mentions joined by wa.
std::vector<int> ClaimExtractor::Surroundings::GroupFrom(size_t first) const {
  const Document& doc = reading->doc;
  const TextAnalysis& a = reading->a;
  const auto& has_and = reading->has_and;
  const auto& mention_at = reading->mention_at;
  const auto& role_of = reading->role_of;
  std::vector<int> group = {after[first].first};
  for (size_t i = first + 1; i < after.size(); ++i) {
    uint32_t k = after[i].second;
    // wa and the actor, or wa and one noun of it (bi-quwwat al-jaysh
    // al-watani wa-ta'irat al-tahaluf), right after the last one.
    uint32_t last_end = after[i - 1].second;
    while (last_end + 1 < s->token_end && mention_at[last_end + 1] == mention_at[after[i - 1].second]) ++last_end;
    const bool noun_joined = k == last_end + 2 && has_and[k - 1] && reading->PlainWord(k - 1);
    if (!(has_and[k] || role_of[k - 1] == kAnd || noun_joined)) break;
    if (k > last_end + 3) break;
    // A comma before wa starts another clause (... al-tahaluf al-arabi,
    // wa-l-mutamarridin al-Huthiyyin al-mad'umin ...).
    bool comma = false;
    for (uint32_t j = last_end + 1; j < k; ++j) comma = comma || a.tokens[j].kind == TokenKind::kPunct;
    if (comma) break;
    // "Syria, Pakistan and Sudan" after actors are where, not whom.
    bool place = doc.entities[after[i].first].type == EntityType::kLoc;
    if (place != (doc.entities[after[first].first].type == EntityType::kLoc)) break;
    group.push_back(after[i].first);
  }
  return group;
}

// Does the actor whose mention starts at k stand as the genitive of the
// trigger: close after it, with only words (no preposition) between?
bool ClaimExtractor::Surroundings::GenitiveOfNoun(uint32_t k) const {
  const TextAnalysis& a = reading->a;
  const auto& has_to = reading->has_to;
  const auto& has_by = reading->has_by;
  const auto& role_of = reading->role_of;
  if (k - t > kGenitiveReach || has_to[k] || has_by[k]) return false;
  for (uint32_t j = t + 1; j < k; ++j) {
    // Quotation marks around a name (tanzim "Da'ish") do not part it from the noun.
    if (reading->IsQuote(j)) continue;
    if (a.tokens[j].kind != TokenKind::kWord || (role_of[j] != 0 && role_of[j] != kOffice) || has_to[j] ||
        has_by[j])
      return false;
  }
  return true;
}

// The actors around the trigger at token t of sentence si: after it (to
// the next trigger or cue), before it (the nearest that can act, and those
// joined to it by wa), the place, and the marks that say which is which.
void ClaimExtractor::ReadSurroundings(const Reading& reading, uint32_t si, uint32_t t, ArgumentFrame frame,
                                      uint32_t code, Surroundings& out) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const Sentence& s = a.sentences[si];
  const auto& has_and = reading.has_and;
  const auto& has_by = reading.has_by;
  const auto& has_object = reading.has_object;
  const auto& mention_at = reading.mention_at;
  const auto& role_of = reading.role_of;
  const auto& trigger_of = reading.trigger_of;
  out.reading = &reading;
  out.s = &s;
  out.t = t;
  out.frame = frame;
  out.verbal_noun = frame == ArgumentFrame::kNoun || frame == ArgumentFrame::kObjectNoun;
  const bool verbal_noun = out.verbal_noun;
  out.passive_verb = frame == ArgumentFrame::kPassive && TriggerFrame(code) == ArgumentFrame::kVerb;
  out.plural_verb = frame == ArgumentFrame::kVerb && !plural_verb_ending_.empty() &&
                    reading.form[t].size() > plural_verb_ending_.size() + 2 &&
                    reading.form[t].ends_with(plural_verb_ending_);
  auto& after = out.after;
  int& before = out.before;
  uint32_t& before_at = out.before_at;
  auto& before_group = out.before_group;
  int& marked_target = out.marked_target;
  int& antecedent = out.antecedent;
  int& shared_object = out.shared_object;
  int& shared_doer = out.shared_doer;
  size_t& doer_after_support = out.doer_after_support;
  size_t& agent = out.agent;
  // Actors after the trigger (up to the next trigger or cue; a place
  // after fi is the location, not a side), and the nearest actor before it.
  bool setting_run = false;
  for (uint32_t k = t + 1; k < s.token_end && k <= t + kObjectWindow; ++k) {
    // Another trigger ends the clause, unless it is of the same type: the
    // object of a support verb (shanna hajamat didda X).
    uint32_t other = trigger_of[k];
    // (A threat names what is threatened after bi-, and whom after it:
    // haddada X bi-shann amaliyya didda Y.)
    const bool threatened_act = TriggerType(code) == PloverType::kThreaten && has_by[k];
    if (k > t + 1 && ((other && other != code && TriggerType(other) != TriggerType(code) && !threatened_act) ||
                      reading.CueAt(k) == CueKind::kSay || reading.CueAt(k) == CueKind::kAccording))
      break;
    // A relative clause on a verbal noun has its own verb and sides
    // (al-gharat allati istahdafat X), unless its verb is a support verb
    // taking the noun up (al-hujum alladhi shannathu X: X did it).
    if (verbal_noun && role_of[k] == kRelative) {
      bool support = false;
      for (uint32_t j = k + 1; j < s.token_end && j <= k + 2; ++j)
        support = support || (role_of[j] == kSupport && has_object[j]);
      if (!support) break;
    }
    int e = reading.EntityAt(k);
    if (e < 0 || (!after.empty() && after.back().first == e)) continue;
    // "Jaysh al-Fath al-tabi' li-l-mu'arada": whom a side belongs to
    // describes it; it is not another side (unless the affiliation word is
    // the trigger itself: al-muwaliya li-X names whom they back).
    if (role_of[k - 1] == kAffiliation && k - 1 != t && k >= 2 && reading.EntityAt(k - 2) >= 0) {
      while (k + 1 < s.token_end && mention_at[k + 1] == mention_at[k]) ++k;
      continue;
    }
    // So does the organization or country of a person's office, named
    // before him (rahhaba al-amin al-amm li-l-Umam al-Muttahida Ban
    // Ki-moon): he is the side, not it.
    if (reading.OfficeHolderAfter(s, k) >= 0) {
      while (k + 1 < s.token_end && mention_at[k + 1] == mention_at[k]) ++k;
      continue;
    }
    // A place after fi is the setting, and so are places joined to it
    // (fi Suriya wa Pakistan wa al-Sudan); so is a town or region with bi-
    // glued (bi-l-Yaman, bi-Saywun): a state with bi- may be whom a verb
    // names (rahhaba bi-Turkiya).
    const bool town = !CanAct(doc.entities[e]);
    // fi and one noun of where (fi janub Afghanistan) set the scene too.
    const bool in_area =
        (k >= 2 && role_of[k - 2] == kIn && reading.PlainWord(k - 1)) || reading.InArea(k);
    if (doc.entities[e].type == EntityType::kLoc &&
        (role_of[k - 1] == kIn || in_area || (town && has_by[k]) ||
         (setting_run && (has_and[k] || role_of[k - 1] == kAnd)))) {
      if (out.location < 0) out.location = e;
      setting_run = true;
      // The rest of the place's name is the setting too (fi al-Daffa
      // al-Gharbiyya: al-Gharbiyya is not after fi).
      while (k + 1 < s.token_end && mention_at[k + 1] == mention_at[k]) ++k;
      continue;
    }
    setting_run = false;
    after.emplace_back(e, k);
  }
  // "qalat al-shurta innaha i'taqalat X", "al-rajul alladhi yuzam annahu
  // qatala X": a pronoun on the opener right before a verb is its subject
  // (annaha qad shannat, innahu lan yasmah: at most two words between,
  // neither an actor nor a trigger). It takes up the speaker whose words
  // the opener begins, or the actor a relative pronoun before the opener
  // follows; any other actor before the opener belongs to another clause,
  // and no actor after the verb is its doer. The speaker is taken up only
  // before a verb (before a noun the pronoun is often "it": innahu ittifaq
  // mutawazin); a relative's antecedent before either (annahu halif).
  if (t > s.token_begin) {
    uint32_t opener = t;
    for (uint32_t k = t; k-- > s.token_begin && k + 3 >= t;) {
      if (reading.CueAt(k) == CueKind::kOpener) {
        opener = k;
        break;
      }
      if (reading.EntityAt(k) >= 0 || trigger_of[k] || a.tokens[k].kind != TokenKind::kWord) break;
    }
    // "qala inna ta'irat al-tahaluf qasafat X": after inna a noun that names
    // no actor is the verb's subject; X is whom it was done to.
    bool noun_subject = opener + 1 < t && frame == ArgumentFrame::kVerb && !has_object[opener];
    for (uint32_t k = opener + 1; noun_subject && k < t; ++k)
      noun_subject = role_of[k] == 0 && reading.CueAt(k) == CueKind{};
    // (Not when another trigger stands before the first actor after the
    // verb: in "inna rajulan qutila jarra' qasf al-quwwat" that actor is the
    // shelling's doer.)
    for (uint32_t k = t + 1; noun_subject && k < s.token_end && reading.EntityAt(k) < 0; ++k)
      noun_subject = trigger_of[k] == 0;
    // "a'lanat al-wizara anna ta'iratiha qasafat X": a possessive on that
    // noun takes up whom a pronoun on the opener would (her planes are hers).
    uint32_t pronoun_at = opener;
    if (opener < t && noun_subject) {
      out.pronoun_subject = true;
      if (has_object[opener + 1]) pronoun_at = opener + 1;
    }
    if (opener < t && has_object[pronoun_at]) {
      out.pronoun_subject = frame == ArgumentFrame::kVerb;
      // A plural pronoun (annahum) does not take up one person.
      const bool plural = HasSuffixIn(reading, pronoun_at, plural_pronouns_);
      auto takes_up = [&](int e) {
        return e >= 0 && CanAct(doc.entities[e]) && !(plural && doc.entities[e].type == EntityType::kPer);
      };
      const uint32_t opener_begin = a.tokens[opener].begin;
      for (const Quote& q : doc.quotes)
        if (frame == ArgumentFrame::kVerb && q.content.begin <= a.tokens[opener].end + 1 &&
            opener_begin <= q.content.begin + 2 && q.content.end >= a.tokens[t].end && takes_up(q.speaker))
          out.pronoun_doer = q.speaker;
      for (uint32_t k = opener; out.pronoun_doer < 0 && k-- > s.token_begin && k + 3 >= opener;)
        if (role_of[k] == kRelative) {
          // An adjective, a dash or a comma may stand between: "Wahdat
          // Himayat al-Sha'b al-Kurdiyya al-Suriyya -allati".
          uint32_t before_relative = k;
          for (int skipped = 0; skipped < 2 && before_relative > s.token_begin + 1 &&
                                reading.EntityAt(before_relative - 1) < 0 && !role_of[before_relative - 1] &&
                                !trigger_of[before_relative - 1] && reading.CueAt(before_relative - 1) == CueKind{};
               ++skipped)
            --before_relative;
          const int antecedent_entity =
              before_relative > s.token_begin ? reading.EntityAt(before_relative - 1) : -1;
          if (takes_up(antecedent_entity)) out.pronoun_doer = antecedent_entity;
          break;
        }
    }
  }
  for (int k = static_cast<int>(t) - 1;
       k >= static_cast<int>(s.token_begin) && k >= static_cast<int>(t) - kSubjectWindow; --k) {
    if (reading.CueAt(k) == CueKind::kOpener) break;
    int e = reading.EntityAt(k);
    bool setting = false;
    if (e >= 0) {
      size_t first = static_cast<size_t>(k);
      while (first > s.token_begin && mention_at[first - 1] == mention_at[k]) --first;
      // States act (Russia struck); other places do not, and a place after
      // fi is the setting ("fi Suriya haythu yusa'id"), after ila where
      // someone goes ("yughadir ... ila Jumhuriyyat Misr fi ziyara yaltaqi
      // khilalaha": Egypt meets no one). The word before the whole mention,
      // which may be several words.
      if (doc.entities[e].type == EntityType::kLoc && first > 0) {
        setting = role_of[first - 1] == kIn || destinations_.Contains(reading.form[first - 1]) ||
                  reading.InArea(static_cast<uint32_t>(first));
      }
      // "bi-hasab al-Marsad, qutila ...": whom the report follows is not
      // the subject of what it reports.
      if (first > s.token_begin && reading.CueAt(first - 1) == CueKind::kAccording) break;
      if (first > 1 && role_of[first - 1] == kAffiliation && reading.EntityAt(first - 2) >= 0) {
        k = static_cast<int>(first);
        continue;
      }
    }
    if (e >= 0 && !setting &&
        CanAct(doc.entities[e])) {
      before = e;
      before_at = static_cast<uint32_t>(k);
      break;
    }
  }
  // Subjects joined by wa act together: "Turkiya wa al-Wilayat
  // al-Muttahida ta'kufan"; walk back from the nearest one.
  if (before >= 0) {
    before_group.push_back(before);
    uint32_t k = before_at;
    const bool ends_before_trigger = before_at + 1 == t;
    // The start of the nearest subject's mention.
    while (k > s.token_begin && mention_at[k - 1] == mention_at[before_at]) --k;
    while (k > s.token_begin + 1) {
      bool joined = has_and[k] || role_of[k - 1] == kAnd;
      if (!joined) break;
      uint32_t prev = role_of[k - 1] == kAnd ? k - 2 : k - 1;
      int e = reading.EntityAt(prev);
      if (e < 0 || !CanAct(doc.entities[e]))
        break;
      if (std::find(before_group.begin(), before_group.end(), e) == before_group.end()) before_group.push_back(e);
      k = prev;
      while (k > s.token_begin && mention_at[k - 1] == mention_at[prev]) --k;
    }
    out.subject_of_support = ends_before_trigger && k > s.token_begin && role_of[k - 1] == kSupport;
  }
  // "hawalu ightiyal Marwan Hamada, thumma qatalu Rafiq al-Hariri": they
  // who killed are not the one person named before.
  // (Forces loyal to one, "wahdat al-jaysh al-muwaliya li-l-ra'is Hadi
  // taradu", are his: the affiliation word stands before his name, a title
  // between or not.)
  if (out.plural_verb && before_group.size() == 1 && doc.entities[before].type == EntityType::kPer &&
      !ForcesOf(reading, s, before)) {
    before = -1;
    before_group.clear();
  }
  // "adana al-amin al-amm li-l-Umam al-Muttahida Ban Ki-moon bi-shidda
  // qatl al-tifl": a verb's letters right after the subject of another
  // verb (adverbs between or not) are that verb's object, a verbal noun
  // whose doer is not named: Ban condemned the killing; he did not kill.
  // The other verb is one whose object is an act (condemning, rejecting,
  // welcoming it) and stands before the subject with only its title and
  // the title's organization between. The letters stand bare: with wa- or
  // a pronoun they are a verb of their own clause (wa-qatalat).
  auto takes_an_act = [](PloverType type) {
    return type == PloverType::kAccuse || type == PloverType::kReject || type == PloverType::kSupport;
  };
  if (frame == ArgumentFrame::kVerb && before >= 0 && before_at + 4 >= t && !has_and[t] && !has_object[t] &&
      !reading.has_to[t] && !Definite(reading.form[t], article_)) {
    bool adverb_only = true;  // quoted or not: "bi-shidda"
    for (uint32_t k = before_at + 1; k < t; ++k)
      adverb_only = adverb_only && (reading.PlainWord(k) || reading.IsQuote(k));
    uint32_t start = before_at;
    while (start > s.token_begin && mention_at[start - 1] == mention_at[before_at]) --start;
    bool object_of_verb = false;
    for (uint32_t k = start; adverb_only && k > s.token_begin && k + kSubjectWindow >= start; --k) {
      const uint32_t j = k - 1;
      if (trigger_of[j]) {
        object_of_verb = TriggerFrame(trigger_of[j]) == ArgumentFrame::kVerb && role_of[j] != kAffiliation &&
                         takes_an_act(TriggerType(trigger_of[j]));
        break;
      }
      if (a.tokens[j].kind != TokenKind::kWord || reading.CueAt(j) != CueKind{} ||
          (role_of[j] != 0 && role_of[j] != kOffice))
        break;
    }
    if (object_of_verb) {
      before = -1;
      before_group.clear();
    }
  }
  // A verbal noun's doer stands before it only as the subject of a
  // support verb (qama X bi-ightiyal Y, X shannat hajaman, shannat X
  // qasfan); any other actor before it belongs to another clause:
  // "Suriya ... mundhu ightiyal Rafiq al-Hariri" does not make Syria the killer.
  auto support_verb_governs = [&] {
    // The support verb's object is the first verbal noun after it
    // (farada X uqubat ... bi-tuhmat tamwil Y: X did not fund Y).
    for (uint32_t k = before_at + 1; k < t; ++k)
      if (trigger_of[k] && role_of[k] != kSupport) return false;
    for (uint32_t k = before_at + 1; k < t; ++k)
      if (role_of[k] == kSupport) return true;
    uint32_t start = before_at;  // VSO: shannat quwwat X qasfan
    while (start > s.token_begin && mention_at[start - 1] == mention_at[before_at]) --start;
    for (uint32_t k = start; k > s.token_begin && k + 2 >= start; --k)
      if (role_of[k - 1] == kSupport) return true;
    // "ittahamat al-mu'arada al-jaysh bi-qatl al-madaniyyin": the accused
    // does what bi- names. The actor right after the verb with a word
    // between it and bi- is the accuser, its subject, and the word the
    // accused no actor was found for (ittahamat al-mu'arada al-jaysh
    // bi-qatl): the accuser did not kill. An indefinite word there is an
    // adverb (ittahamat Iran mujaddadan bi-da'm).
    if (has_by[t] && t <= before_at + 2)
      for (uint32_t k = start; k > s.token_begin && k + kSubjectWindow >= start; --k)
        if (reading.CueAt(k - 1) == CueKind::kAllege)
          return !(k == start && t == before_at + 2 && Definite(reading.form[before_at + 1], article_));
    return false;
  };
  // "Our" on a noun in someone's words (fi itar ittifaqina ma'a al-Wilayat
  // al-Muttahida) is the speaker's, whoever stands before it.
  if (frame != ArgumentFrame::kVerb && has_object[t] && HasSuffixIn(reading, t, first_person_pronouns_)) {
    const int qi = reading.InnermostQuote(Span{a.tokens[t].begin, a.tokens[t].end});
    const int speaker = qi >= 0 ? doc.quotes[qi].speaker : -1;
    if (speaker >= 0 && CanAct(doc.entities[speaker])) {
      before = speaker;
      before_group = {speaker};
    }
  }
  // A possessive pronoun on the noun (hajamatuha, ziyaratuhu) is its
  // doer, taking up the actor before it.
  out.nearest_before = before;
  out.nearest_before_group = before_group;
  if (verbal_noun && before >= 0 && !has_object[t] && !support_verb_governs()) {
    before = -1;
    before_group.clear();
  }
  // Else the sentence's first place after fi, or town with bi-.
  for (uint32_t k = s.token_begin + 1; k < s.token_end && out.location < 0; ++k) {
    const int e = reading.EntityAt(k);
    if (e >= 0 && doc.entities[e].type == EntityType::kLoc &&
        (role_of[k - 1] == kIn || reading.InArea(k) || (has_by[k] && !IsState(doc.entities[e]))))
      out.location = e;
  }

  // The one done to, when a preposition names it: didda Z, ala Z.
  // ala X, or ala and a noun or two of what was hit (ala tajammu'
  // li-l-mutamarridin, ala mawaqi' quwwat al-nizam).
  for (const auto& [e, k] : after) {
    bool marked = false;
    for (uint32_t back = 1; back <= 3 && back < k && !marked; ++back) {
      if (back > 1 && (reading.EntityAt(k - back + 1) >= 0 || a.tokens[k - back + 1].kind != TokenKind::kWord)) break;
      marked = role_of[k - back] == kAgainst;
    }
    if (marked) {
      marked_target = e;
      break;
    }
  }
  // The actor a verb's object pronoun refers to, when the verb follows
  // it directly or after a relative pronoun (even a place after fi:
  // "fi Pakistan allati yattahimuha Da'ish").
  // "X tu'arid Da'ish wa-tuharibuhu": a conjoined verb whose pronoun
  // takes up the last verb's object keeps that verb's doer.
  if (frame == ArgumentFrame::kVerb && has_object[t] && has_and[t] && t > s.token_begin &&
      reading.EntityAt(t - 1) >= 0) {
    shared_object = reading.EntityAt(t - 1);
    for (auto it = doc.relations.rbegin(); it != doc.relations.rend(); ++it) {
      if (it->evidence.begin != a.tokens[s.token_begin].begin) break;  // this sentence only
      if (it->target == shared_object) {
        shared_doer = it->source;
        break;
      }
    }
  }
  if (frame == ArgumentFrame::kVerb && has_object[t] && !has_and[t] && t > s.token_begin) {
    if (reading.EntityAt(t - 1) >= 0)
      antecedent = reading.EntityAt(t - 1);
    else if (t > s.token_begin + 1 && role_of[t - 1] == kRelative && reading.EntityAt(t - 2) >= 0)
      antecedent = reading.EntityAt(t - 2);
    else if (role_of[t - 1] == kRelative && !after.empty()) {
      // "al-hujum alladhi shannathu Taliban": the pronoun is the thing
      // before the relative, and the doer follows the verb; an actor
      // further back belongs to the main clause (Turkiya adanat ...).
      before = -1;
      before_group.clear();
    }
  }
  // "hujum shannahu X", "al-qasf alladhi nafadhahu X": a support verb
  // whose pronoun takes up the verbal noun names its doer right after it.
  doer_after_support = after.size();
  if (verbal_noun) {
    for (uint32_t k = t + 1; k < s.token_end && k <= t + kObjectWindow; ++k) {
      if (reading.EntityAt(k) >= 0 || a.tokens[k].kind == TokenKind::kPunct) break;
      if (role_of[k] != kSupport || !has_object[k]) continue;
      // The first actor after it (qasf nafadhahu al-Huthiyyun wa-l-muwalun
      // li-Salih: the Houthis and those joined to them).
      for (size_t i = 0; i < after.size() && doer_after_support == after.size(); ++i)
        if (after[i].second > k && after[i].second <= k + 3) doer_after_support = i;
      break;
    }
  }
  // "ala yad X", "ala aydi X", "min qibal X": X is the doer (of a passive
  // verb or a verbal noun), whatever stands before.
  agent = after.size();
  for (size_t i = 0; i < after.size() && agent == after.size(); ++i) {
    // A word or two may stand between (ala aydi muqatili Jabhat al-Nusra).
    for (uint32_t k = after[i].second, back = 0; back < 3 && k >= t + 3 + back; ++back) {
      if (role_of[k - 1 - back] == kAgent) {
        if (role_of[k - 2 - back] == kAgainst || role_of[k - 2 - back] == kFrom) agent = i;
        break;
      }
      if (a.tokens[k - 1 - back].kind != TokenKind::kWord || reading.EntityAt(k - 1 - back) >= 0) break;
    }
  }
}

// The doers and the ones done to of the trigger `around` describes, by its
// frame and the marks around it; `one_way` for a mutual noun read one way.
void ClaimExtractor::ChooseSides(const Reading& reading, uint32_t si, const Surroundings& around,
                                 const SubjectMemory& previous, std::vector<int>& sources, std::vector<int>& targets,
                                 bool& one_way) const {
  const TextAnalysis& a = reading.a;
  const Sentence& s = a.sentences[si];
  const uint32_t t = around.t;
  const ArgumentFrame frame = around.frame;
  const bool verbal_noun = around.verbal_noun;
  const auto& after = around.after;
  const int before = around.before;
  const auto& before_group = around.before_group;
  const int marked_target = around.marked_target;
  const auto& has_and = reading.has_and;
  const auto& has_to = reading.has_to;
  const auto& has_by = reading.has_by;
  const auto& has_object = reading.has_object;
  const auto& role_of = reading.role_of;
  sources.clear();
  targets.clear();
  one_way = false;
  if (around.pronoun_subject || around.pronoun_doer >= 0) {
    // The subject is the opener's pronoun: whom it takes up does it (or
    // someone unnamed); the one done to follows (marked by ala/didda, or
    // the first actor).
    sources = {around.pronoun_doer};
    for (size_t i = 0; i < after.size() && targets.empty(); ++i)
      if (after[i].first != around.pronoun_doer && after[i].first != around.location &&
          (marked_target < 0 || after[i].first == marked_target))
        targets = around.GroupFrom(i);
  } else if (frame == ArgumentFrame::kAgentNoun) {
    // The noun names the doers (al-mutazahirun, the collective if it is
    // one); whom they act against follows didda/ala. Nothing else
    // around it is a side.
    sources = {reading.EntityAt(t)};
    for (size_t i = 0; i < after.size() && targets.empty(); ++i)
      if (after[i].first == marked_target) targets = around.GroupFrom(i);
  } else if (around.agent < after.size() && frame != ArgumentFrame::kMutual) {
    sources = around.GroupFrom(around.agent);
    const int patient = around.nearest_before;
    if (patient >= 0 && std::find(sources.begin(), sources.end(), patient) == sources.end())
      targets = around.nearest_before_group;
    else if (around.agent > 0)
      targets = around.GroupFrom(0);
  } else if (around.shared_object >= 0) {
    sources = {around.shared_doer};
    targets = {around.shared_object};
  } else if (frame == ArgumentFrame::kMutual) {
    // bayna X wa Y; else X ... trigger ... Y.
    int x = -1, y = -1;
    bool bayna = false;
    // bayna may stand past an adjective and a time (ishtibakat anifa laylat
    // awwal min ams bayna ...); beyond three words, not past a comma or
    // another trigger (within them a joined noun shares it: alaqa wa-tansiq
    // bayna X wa Y).
    for (uint32_t k = t + 1; k < s.token_end && k <= t + kBetweenReach; ++k) {
      if (k > t + 3 && (a.tokens[k].kind == TokenKind::kPunct || reading.trigger_of[k])) break;
      if (role_of[k] != kBetween) continue;
      bayna = true;
      // The second side may stand after a long description of the first
      // (bayna quwwat al-liwa' al-mutaqa'id "Haftar" al-mu'arid ... wa-Da'ish).
      for (uint32_t j = k + 1; j < s.token_end && j <= k + 2 * kObjectWindow; ++j) {
        int e = reading.EntityAt(j);
        if (e < 0) continue;
        if (x < 0)
          x = e;
        else if (e != x && (has_and[j] || role_of[j - 1] == kAnd)) {
          y = e;
          break;
        }
      }
      break;
    }
    // "the agreement" refers back to one the report has named: the actors
    // around it are not its sides unless bayna names them (al-ittifaq
    // al-nawawi bayna Iran wa-Amrika). Netanyahu condemning "al-ittifaq
    // ma'a Iran" made no agreement with Iran.
    if (!bayna && role_of[t] == kBaynaOnly) {
      sources.clear();
      targets.clear();
      return;
    }
    if (!bayna && (x < 0 || y < 0)) {
      x = before >= 0 ? before : (after.empty() ? -1 : after[0].first);
      y = -1;
      for (const auto& [e, k] : after)
        if (e != x) {
          // "haliefuha al-qawi Iran", "wa-a'da'uhum al-judud": with a
          // pronoun the noun's other side stands right after it, or is unnamed.
          // (Not past a verb: in "al-Wilayat al-Muttahida wa-hulafa'uha
          // istahdafu Da'ish" ISIS is what the allies struck.)
          bool verb_between = false;
          for (uint32_t j = t + 1; j < k; ++j) verb_between = verb_between || reading.trigger_of[j] != 0;
          if (!has_object[t] || (k <= t + kGenitiveReach && !verb_between)) y = e;
          // A doer before and the other side as the object of a mutual
          // noun that takes one (bi-qital Da'ish, qitaluhu li-Da'ish):
          // one way, from the doer. Enmity stays mutual (min alladd khusum X).
          one_way = y >= 0 && x == before &&
                    noun_frames_.Find(reading.form[t]) == static_cast<uint32_t>(ArgumentFrame::kObjectNoun) &&
                    (around.GenitiveOfNoun(k) || has_to[k]);
          break;
        }
    }
    // "waqqa'at al-Sa'udiyya wa-Misr ittifaqiyya": with no other side
    // named, two actors joined as the subject of a support verb right
    // before the noun are its two sides.
    if (!bayna && y < 0 && x == before && before_group.size() == 2 && around.subject_of_support) {
      x = before_group[1];
      y = before_group[0];
    }
    sources = {x};
    targets = {y};
  } else if (frame == ArgumentFrame::kPassive) {
    // "X al-mad'umin min Y", "X al-mad'uma bi-quwwat Y": Y does it to X.
    // (After a passive verb, min is "of" a count: usiba 85 min al-milishiya.)
    for (size_t i = 0; i < after.size() && sources.empty(); ++i) {
      uint32_t k = after[i].second;
      if ((role_of[k - 1] == kFrom && !around.passive_verb) || (has_by[k] && k <= t + 2) ||
          (has_by[k - 1] && k - 1 == t + 1))
        sources = around.GroupFrom(i);
    }
    // A passive verb's subject is the one done to, right after it
    // (wa-usiba X) or before it (X qutila).
    // (Titles may stand between: wa-usiba al-ra'is al-Yamani X.)
    bool subject_after = around.passive_verb && !after.empty() && after[0].second <= t + 1 + kSubjectReach &&
                         (sources.empty() || sources[0] != after[0].first);
    for (uint32_t k = t + 1; subject_after && k < after[0].second; ++k)
      subject_after = reading.PlainWord(k) && !has_by[k] && !has_to[k];
    if (subject_after)
      targets = around.GroupFrom(0);
    else if (before >= 0)
      targets = around.passive_verb ? before_group : std::vector<int>{before};
  } else if (around.doer_after_support < after.size()) {
    sources = around.GroupFrom(around.doer_after_support);
    for (size_t i = 0; i < after.size(); ++i)
      if (after[i].first == marked_target &&
          std::find(sources.begin(), sources.end(), marked_target) == sources.end())
        targets = around.GroupFrom(i);
  } else if (frame == ArgumentFrame::kObjectNoun && !after.empty() && around.GenitiveOfNoun(after[0].second)) {
    // The verbal noun of a transitive verb: its genitive is the one done
    // to (ightiyal al-Hariri, i'tiqal al-nashit), unless li- or ala names
    // that one after it (da'm Iran li-l-Huthiyyin): then the genitive does it.
    // Not past another trigger: "bi-ightiyal Rafiq al-Hariri thumma harb
    // shannatha Isra'il ala Lubnan" (ala Lubnan is the war's).
    size_t marked = 0;
    for (size_t i = 1; i < after.size() && !marked; ++i) {
      if (reading.TriggerIn(t + 1, after[i].second)) break;
      if (after[i].first == marked_target || has_to[after[i].second]) marked = i;
    }
    if (marked) {
      sources = around.GroupFrom(0);
      targets = around.GroupFrom(marked);
    } else {
      targets = around.GroupFrom(0);
      if (before >= 0) sources = before_group;
    }
  } else if (frame == ArgumentFrame::kObjectNoun && before < 0) {
    // No genitive: an actor after it is not its doer (maqtal 16 shakhsan
    // ... bi-hasab AFP); only a marked one is done to.
    for (size_t i = 0; i < after.size(); ++i)
      if (after[i].first == marked_target) targets = around.GroupFrom(i);
  } else if (frame == ArgumentFrame::kVerb && !has_object[t] && t > s.token_begin + 1 &&
             role_of[t - 1] == kRelative && reading.EntityAt(t - 2) < 0) {
    // "al-gharat allati istahdafat X": the relative's antecedent, not
    // an actor, does it; X is the one done to.
    if (!after.empty()) targets = around.GroupFrom(0);
  } else if (around.antecedent >= 0 && !after.empty() && after[0].first != around.antecedent) {
    // A verb whose object is a pronoun right after an actor is a relative
    // clause on that actor: "muqatilin mahalliyin tad'amuhum quwwat
    // al-tahaluf", "Pakistan allati yattahimuha Da'ish": the doer follows.
    sources = around.GroupFrom(0);
    targets = {around.antecedent};
  } else if (frame == ArgumentFrame::kVerb && has_object[t] && !around.plural_verb && !after.empty() &&
             after[0].second == t + 1) {
    // A verb whose object is a pronoun, an actor right after it: that
    // actor is its subject, whoever stands before (wa-harb shannatha
    // Isra'il ala Lubnan, after "ightiyal al-Hariri").
    sources = around.GroupFrom(0);
    for (size_t i = 0; i < after.size(); ++i)
      if (after[i].first == marked_target &&
          std::find(sources.begin(), sources.end(), marked_target) == sources.end()) {
        targets = around.GroupFrom(i);
        break;
      }
  } else if (before >= 0) {
    // SVO: the doers before the verb, the one done to after it.
    sources = before_group;
    for (size_t i = 0; i < after.size(); ++i)
      if (marked_target >= 0 ? after[i].first == marked_target
                             : std::find(sources.begin(), sources.end(), after[i].first) == sources.end()) {
        targets = around.GroupFrom(i);
        break;
      }
  } else if (!after.empty() && marked_target == after[0].first) {
    // The first actor after the verb is marked as the one done to (shanna
    // ghara ala X): the doer is unnamed here. A verb opening its sentence
    // continues the doer of the sentence before (wa-shanna 6 gharat ala ...).
    // So does a verbal noun whose support verb opens it (kama nafadhat
    // aydan hajamat ala ...).
    targets = around.GroupFrom(0);
    bool opens_sentence = frame == ArgumentFrame::kVerb && t <= s.token_begin + 2;
    uint32_t verb = t;  // the verb that opens the sentence
    for (uint32_t k = s.token_begin; verbal_noun && k < t && k <= s.token_begin + 2; ++k)
      if (role_of[k] == kSupport && t <= k + 3) {
        opens_sentence = true;
        verb = k;
      }
    // Unless a definite noun names the doer right after that verb, unnamed
    // but there (wa-shannat al-ta'irat gharat ala ...: the planes did), or
    // a noun and the definite one it is construct to (wa-shannat ta'irat
    // al-tahaluf gharat ala ...).
    auto plain_word = [&](uint32_t k) { return k < s.token_end && reading.PlainWord(k); };
    if (opens_sentence && (verb == t || verb + 1 < t) && plain_word(verb + 1)) {
      const std::string& next = reading.form[verb + 1];
      if ((Definite(next, article_) && next.size() > article_.size() + 4) ||
          (plain_word(verb + 2) && Definite(reading.form[verb + 2], article_) &&
           reading.form[verb + 2].size() > article_.size() + 4))
        opens_sentence = false;
    }
    if (opens_sentence && previous.entity >= 0 && previous.sentence + 1 == si) sources = {previous.entity};
  } else if (!after.empty() && frame == ArgumentFrame::kVerb && t + 1 < s.token_end &&
             (a.tokens[t + 1].kind == TokenKind::kNumber || role_of[t + 1] == kQuantity)) {
    // A count right after the verb is its object, the verb passive as news
    // writes it (wa-qutila 10 min anasir Da'ish, u'tuqila asharat min
    // ansar X): the actors after it are whom it was done to, when they
    // belong to the count (10 min anasir X, not a rocket's launcher further on).
    // Not past another trigger: in "wa-usiba 173 fi qasf nafadhahu
    // al-Huthiyyun" the Houthis are the shelling's doers.
    if (after[0].second <= t + 5 && !reading.TriggerIn(t + 1, after[0].second)) targets = around.GroupFrom(0);
  } else if (!after.empty() && frame == ArgumentFrame::kVerb && has_to[after[0].second] &&
             (after[0].second == t + 1 || !Definite(reading.form[after[0].second - 1], article_))) {
    // A subject takes no li-: in "istahdafat ta'irat harbiyya mawaqi' li-fasa'il
    // al-mu'arada" the factions' positions were struck, by a doer the
    // sentence does not name as an actor. (After a definite noun li- may
    // name whose it is: "ittahama al-majlis al-askari li-l-muqawama X".)
    targets = around.GroupFrom(0);
  } else if (!after.empty() && frame == ArgumentFrame::kVerb && role_of[t] == kVisit &&
             reading.doc.entities[after[0].first].type == EntityType::kLoc) {
    // "zarat Suriya": the place right after a visit verb is where the visit
    // went; the visitor is not named here.
    targets = around.GroupFrom(0);
  } else if (!after.empty() && around.plural_verb) {
    // A plural verb's subject is in it: the actor right after it is done
    // to (qatalu Rafiq al-Hariri, hajamu mawaqi' Da'ish), or the one
    // didda/ala marks. The same letters are often passive (qutilu "were
    // killed", usibu): then an actor further on belongs to another clause
    // ("43 shakhsan qutilu ... fi qasf nafadhahu al-Huthiyyun").
    // An object stands right after the verb or after one plain word (a
    // title, hajamu mawaqi' Da'ish); not after a preposition ("usibu
    // jarra' ilqa' al-shurta": the police did it).
    for (size_t i = 0; i < after.size() && targets.empty(); ++i) {
      const uint32_t k = after[i].second;
      bool comma = false;
      for (uint32_t j = t + 1; j < k && !comma; ++j) comma = a.tokens[j].kind == TokenKind::kPunct;
      if (comma || reading.TriggerIn(t + 1, k)) break;
      const bool object = i == 0 && (k == t + 1 || (k == t + 2 && reading.PlainWord(t + 1) && !role_of[t + 1] &&
                                                    !has_to[t + 1] && !has_by[t + 1])) &&
                          !has_to[k] && !has_by[k];
      if (after[i].first == marked_target || object) targets = around.GroupFrom(i);
    }
  } else if (!after.empty() && around.verbal_noun && Definite(reading.form[t], article_) &&
             reading.doc.entities[after[0].first].type == EntityType::kPer && !has_to[after[0].second] &&
             !has_by[after[0].second]) {
    // A definite noun takes no genitive: a person after al-hujum is not
    // its doer but another clause's ("wa-usiba fi al-hujum walid al-tifl
    // Sa'd"; "khatt al-hujum al-Kamiruni Ivolo"). Only one didda/ala
    // marks is done to.
    for (size_t i = 0; i < after.size(); ++i)
      if (after[i].first == marked_target) {
        targets = around.GroupFrom(i);
        break;
      }
  } else if (!after.empty()) {
    // VSO, or a verbal noun: the doers first, then the one done to.
    sources = around.GroupFrom(0);
    if (marked_target >= 0 && std::find(sources.begin(), sources.end(), marked_target) == sources.end()) {
      for (size_t i = 0; i < after.size(); ++i)
        if (after[i].first == marked_target) {
          targets = around.GroupFrom(i);
          break;
        }
    } else {
      for (size_t i = sources.size(); i < after.size(); ++i)
        if (std::find(sources.begin(), sources.end(), after[i].first) == sources.end()) {
          targets = around.GroupFrom(i);
          break;
        }
    }
  }
}

float ClaimExtractor::EventMargin(const Reading& reading, uint32_t si, PloverType type) const {
  if (!events_.Knows(type)) return std::numeric_limits<float>::infinity();
  if (reading.event_margins.empty()) {
    reading.event_margins.resize(reading.a.sentences.size());
    reading.event_margins_known.assign(reading.a.sentences.size(), false);
  }
  if (!reading.event_margins_known[si]) {
    std::vector<uint64_t> features;
    SentenceFeatures(reading.doc, reading.a.sentences[si], features);
    for (int t = 0; t < 16; ++t) {
      const PloverType each = static_cast<PloverType>(t);
      reading.event_margins[si][t] = events_.Knows(each) ? events_.Score(each, features) - events_.Threshold(each) : 0;
    }
    reading.event_margins_known[si] = true;
  }
  return reading.event_margins[si][static_cast<int>(type)];
}

// Polarity and claimants of a relation found at token t of s: alleged inside
// reported speech (denied after a denial), with the chain of speakers, outermost
// first; alleged after a hedge or a modal; denied under a negation near it.
void ClaimExtractor::FinishClaim(const Reading& reading, Relation& r, const Sentence& s, uint32_t t) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& role_of = reading.role_of;
  if (const int qi = reading.InnermostQuote(r.trigger); qi >= 0) {
    const Quote& q = doc.quotes[qi];
    r.polarity = reading.CueAt(reading.TokenAt(q.cue.begin)) == CueKind::kDeny ? Polarity::kDenied : Polarity::kAlleged;
    r.claimed_by = ClaimantChain(doc, qi);
  }
  for (uint32_t k = s.token_begin; k < s.token_end; ++k)
    if ((role_of[k] == kHedge || (role_of[k] == kModal && !reading.has_to[k] && k + 1 < s.token_end &&
                                  LooksImperfect(reading.form[k + 1]))) &&
        r.polarity == Polarity::kAsserted)
      r.polarity = Polarity::kAlleged;
  for (uint32_t k = t >= s.token_begin + 3 ? t - 3 : s.token_begin; k < t; ++k)
    if (role_of[k] == kNegation) r.polarity = Polarity::kDenied;
  // A negating noun (adam raghbat quwwat Haftar bi-qital Da'ish, "the
  // unwillingness of Haftar's forces to fight ISIS") reaches further, to
  // the end of its clause.
  for (uint32_t k = t >= s.token_begin + kNegationReach ? t - kNegationReach : s.token_begin; k < t; ++k) {
    if (role_of[k] != kNegatingNoun) continue;
    bool same_clause = true;
    for (uint32_t j = k + 1; j < t && same_clause; ++j) same_clause = a.tokens[j].kind != TokenKind::kPunct;
    if (same_clause) r.polarity = Polarity::kDenied;
  }
}

void ClaimExtractor::FindRelations(Reading& reading) const {
  Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const auto& role_of = reading.role_of;
  const auto& trigger_of = reading.trigger_of;
  const auto& has_by = reading.has_by;
  // ---- Relations.
  std::set<std::tuple<int, int, int>> seen;
  // Events (an attack, a protest, an arrest) are claims even when the
  // report leaves a side unnamed ("unknown gunmen"); ties are not.
  auto is_event = [](PloverType type) {
    return type == PloverType::kAssault || type == PloverType::kProtest || type == PloverType::kCoerce;
  };
  // Relations found as one side of a mutual frame (ishtibakat bayna X wa Y):
  // nobody is blamed for them.
  std::vector<bool> mutual;
  auto add = [&](Relation r, bool from_mutual = false) {
    if (r.source >= 0 && r.source == r.target) return;
    if ((r.source < 0 || r.target < 0) && !is_event(r.type)) return;
    if (!seen.insert(std::make_tuple(r.source, static_cast<int>(r.type), r.target)).second) return;
    doc.relations.push_back(std::move(r));
    mutual.push_back(from_mutual);
  };
  const Sentence* dated_sentence = nullptr;  // the date of the last sentence asked
  std::optional<ReportDate> sentence_date;
  // Polarity, claimants and date of a relation found at token t of s.
  auto finish = [&](Relation& r, const Sentence& s, uint32_t t) {
    FinishClaim(reading, r, s, t);
    if (dated_sentence != &s) {
      sentence_date = dater_.Resolve(doc, s);
      dated_sentence = &s;
    }
    r.date = sentence_date;
  };

  // x and y act on one side (a joint fight, allies): COOPERATE both ways,
  // with the polarity, claimants and date of the relation r found at t.
  auto add_allies = [&](const Relation& r, int x, int y, const Sentence& s, uint32_t t) {
    Relation together = r;
    together.type = PloverType::kCooperate;
    together.source = x;
    together.target = y;
    finish(together, s, t);
    Relation back = together;
    std::swap(back.source, back.target);
    add(std::move(together), true);
    add(std::move(back), true);
  };
  // Actors after bayna are opponents, whatever the noun's frame ("al-harb
  // al-da'ira bayna al-jaysh al-Iraqi wa-tanzim Da'ish"): never allies.
  auto after_between = [&](const Sentence& s, int e) {
    for (uint32_t k = s.token_begin + 1; k < s.token_end; ++k)
      if (reading.EntityAt(k) == e) return role_of[k - 1] == kBetween;
    return false;
  };
  // Events with a named doer the event model did not take as reported: they
  // are not relations, but the accusation they carry is.
  std::vector<Relation> unreported;
  // The doer of the last sentence that named one, for a verb that opens the
  // next sentence without naming its own.
  SubjectMemory previous;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    if (reading.InHeader(a.tokens[s.token_begin].begin)) continue;
    const Span evidence{a.tokens[s.token_begin].begin, a.tokens[s.token_end - 1].end};
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      uint32_t code = trigger_of[t];
      // A trigger inside an actor's name is no trigger, except a noun that
      // names the doers themselves (al-mutazahirun, a collective actor).
      if (!code || (reading.EntityAt(t) >= 0 && TriggerFrame(code) != ArgumentFrame::kAgentNoun)) continue;
      Relation r;
      r.type = TriggerType(code);
      ArgumentFrame frame = TriggerFrame(code);
      // A verb's form after a preposition or bi- is its verbal noun (fi
      // qasf, bi-qatl): no verb follows a preposition. (Not after min, which
      // is also man "who": hiya man sahhalat.) Nor after a noun it stands in
      // construct with (jarimat qatl, tuham qatl).
      if (frame == ArgumentFrame::kVerb &&
          (has_by[t] || (t > s.token_begin && (role_of[t - 1] == kIn || role_of[t - 1] == kAgainst ||
                                               role_of[t - 1] == kWith || role_of[t - 1] == kNounHead)))) {
        uint32_t noun_frame = noun_frames_.Find(reading.form[t]);
        frame = noun_frame ? static_cast<ArgumentFrame>(noun_frame) : ArgumentFrame::kNoun;
      }
      // Unvocalized, qatala "killed" and qutila "was killed" are one word.
      // With an actor right before it and no object after it, only a
      // place, a cause, bi- (bi-niran X) or "and was wounded" (al-madaniyyun
      // qutilu wa-juri'u fi gharat, jundiyyan Ukraniyyan qutila fi qasf), the
      // actor is the one killed: the passive frame, the doer after min or
      // bi- if named.
      // Verbs news writes only in the passive (usiba "was wounded") take
      // the passive frame as they are.
      if (frame == ArgumentFrame::kVerb && role_of[t] == kPassiveMark) frame = ArgumentFrame::kPassive;
      if (frame == ArgumentFrame::kVerb && role_of[t] == kPassiveHomograph && t > s.token_begin &&
          t + 1 < s.token_end && reading.EntityAt(t - 1) >= 0 && reading.EntityAt(t + 1) < 0 &&
          (role_of[t + 1] == kIn || role_of[t + 1] == kOccasion || role_of[t + 1] == kPassiveMark ||
           has_by[t + 1]))
        frame = ArgumentFrame::kPassive;
      // A support verb that is a trigger too (shanna "launched") before the
      // verbal noun it governs (shanna X hujuman) launches what the noun
      // says: an attack in words is no armed one.
      uint32_t governed = 0;
      if (frame == ArgumentFrame::kVerb && role_of[t] == kSupport && !reading.has_object[t])
        for (uint32_t k = t + 1; k < s.token_end && k <= t + kObjectWindow && !governed; ++k) {
          if (a.tokens[k].kind == TokenKind::kPunct) break;
          if (!trigger_of[k] || reading.EntityAt(k) >= 0) continue;
          const ArgumentFrame noun = TriggerFrame(trigger_of[k]);
          if (noun != ArgumentFrame::kNoun && noun != ArgumentFrame::kObjectNoun) break;
          governed = k;
        }
      const bool verbal_with_person =
          role_of[t] == kVerbalWithPerson || (governed && role_of[governed] == kVerbalWithPerson);
      r.trigger = Span{a.tokens[t].begin, a.tokens[t].end};
      r.evidence = evidence;

      // An affiliation adjective (al-muwaliya, al-tabi'a) describes the
      // noun right before it. A plain noun there is an unnamed doer: "quwwat
      // muwaliya li-Salih" says no actor supports Saleh. Joined by wa to an
      // actor, the two fight on one side: "al-Huthiyyun wa-l-quwwat
      // al-muwaliya li-Salih" ties the Houthis and Saleh (COOPERATE both
      // ways), unless bayna makes them opponents.
      if (role_of[t] == kAffiliation) {
        // The word before k, past quotation marks around a name (li-"al-Nusra"
        // wa-l-tanzimat al-muwaliya li-"al-Qa'ida").
        auto word_before = [&](uint32_t k) {
          do --k;
          while (k > s.token_begin && reading.IsQuote(k));
          return k;
        };
        const uint32_t noun = t > s.token_begin ? word_before(t) : t;
        if (t == s.token_begin || reading.EntityAt(noun) < 0) {
          const int ally =
              noun > s.token_begin && reading.has_and[noun] ? reading.EntityAt(word_before(noun)) : -1;
          // Whom it is loyal to: the first actor after it, with li-.
          int loyal_to = -1;
          bool to = false;
          for (uint32_t k = t + 1; k < s.token_end && k <= t + 3; ++k) {
            to = to || reading.has_to[k] || role_of[k] == kTo;
            if (reading.EntityAt(k) < 0) continue;
            if (to) loyal_to = reading.EntityAt(k);
            break;
          }
          if (ally >= 0 && loyal_to >= 0 && ally != loyal_to && CanAct(doc.entities[ally]) &&
              CanAct(doc.entities[loyal_to]) && !after_between(s, ally))
            add_allies(r, ally, loyal_to, s, t);
          continue;
        }
      }
      Surroundings around;
      ReadSurroundings(reading, si, t, frame, code, around);
      r.location = around.location;
      std::vector<int> sources, targets;
      bool one_way = false;  // a mutual noun read in one direction
      ChooseSides(reading, si, around, previous, sources, targets, one_way);
      // An affiliation adjective's other side is only whom it names
      // (LoyalTo): an actor further on is the next phrase's.
      if (role_of[t] == kAffiliation) {
        const int loyal_to = LoyalTo(reading, s, t);
        targets.erase(std::remove_if(targets.begin(), targets.end(), [&](int e) { return e != loyal_to; }),
                      targets.end());
      }
      if (!sources.empty() && sources[0] >= 0 && previous.sentence != si && CanAct(doc.entities[sources[0]]))
        previous = SubjectMemory{sources[0], si};
      if (sources.empty()) sources = {-1};
      if (targets.empty()) targets = {-1};
      // Places do not act; states do (Turkey struck), and a place can be
      // struck or besieged. A place standing as the doer of an event leaves
      // the doer unnamed ("a blast east of Mosul"): the event stays.
      auto can_act = [&](int e) { return e < 0 || CanAct(doc.entities[e]); };
      // Doers joined by wa in a fight or a crackdown act together: "sayatara
      // muqatilun min al-mu'arada wa-Jabhat al-Nusra ala hajiz" is a joint
      // operation of the two (COOPERATE both ways), whether or not the
      // sentence names whom they fought. (Not for mutual frames, whose two
      // sides are opponents, nor for ties and statements: "a'lanat Turkiya
      // wa-Amrika" is two voices, not one act.)
      if (frame != ArgumentFrame::kMutual && IsJointAction(r.type) && sources.size() >= 2 &&
          !after_between(s, sources[0])) {
        for (size_t i = 0; i < sources.size(); ++i)
          for (size_t j = i + 1; j < sources.size(); ++j) {
            const int x = sources[i], y = sources[j];
            // States are left out: a state in such a run is more often where
            // it happened ("tafjir al-masajid fi kull min al-Sa'udiyya
            // wa-l-Kuwayt") than one of its doers.
            if (x < 0 || y < 0 || x == y || doc.entities[x].type == EntityType::kLoc ||
                doc.entities[y].type == EntityType::kLoc)
              continue;
            add_allies(r, x, y, s, t);
          }
      }
      for (int named_source : sources)
        for (int named_target : targets) {
          int x = named_source, y = named_target;
          if (!can_act(x)) x = -1;
          // An outlet reports; it does not fight, meet, ally, aid or ask
          // (the agency that carried the news was being read as a side of
          // it: "Reuters CONSULT the EU", "AFP ASSAULT ..."). It may accuse,
          // back or reject in its own words, and be attacked or shut. Its
          // side is left unnamed: the event, if it is one, stays.
          auto outlet = [&](int e) { return e >= 0 && IsPress(doc.entities[e]); };
          if (outlet(x) && r.type != PloverType::kAccuse && r.type != PloverType::kSupport &&
              r.type != PloverType::kReject)
            x = -1;
          if (outlet(y) && (r.type == PloverType::kConsult || r.type == PloverType::kCooperate ||
                            r.type == PloverType::kAid || r.type == PloverType::kRequest))
            y = -1;
          if (!can_act(y) && (frame == ArgumentFrame::kMutual ||  // both sides of a mutual tie act
                              (r.type != PloverType::kAssault && r.type != PloverType::kCoerce)))
            y = -1;
          if ((x < 0 || y < 0) && !is_event(r.type)) continue;
          if (x >= 0 && x == y) continue;
          if (x < 0 || y < 0) {
            // A side is unnamed: keep the event only if the sentence reports one.
            if (EventMargin(reading, si, r.type) <= 0) {
              // Not reported as an event, but still alleged by its speaker:
              // an accusation of the named doer stands ("the network said 63
              // died in shelling by regime forces").
              if (x >= 0 && frame != ArgumentFrame::kMutual) {
                Relation alleged = r;
                alleged.source = x;
                alleged.target = y;
                finish(alleged, s, t);
                unreported.push_back(std::move(alleged));
              }
              continue;
            }
          }
          Relation one = r;
          one.source = x;
          one.target = y;
          // hajama (or shanna hujuman) with a person as the doer is an attack
          // in words: a president "attacks" a rival, a party or a state
          // (criticize, CAMEO 111: ACCUSE). Armed groups and states attack
          // with arms; so do forces named after a man ("al-quwwat al-muwaliya
          // li-Salih shannu hujuman"), an attack on a town, and one on no
          // one named.
          if (verbal_with_person && x >= 0 && doc.entities[x].type == EntityType::kPer && y >= 0 &&
              CanAct(doc.entities[y]) && !ForcesOf(reading, s, x))
            one.type = PloverType::kAccuse;
          finish(one, s, t);
          const bool both_ways = frame == ArgumentFrame::kMutual && !one_way && x >= 0 && y >= 0;
          if (both_ways) {
            Relation back = one;
            std::swap(back.source, back.target);
            add(std::move(back), true);
          }
          add(std::move(one), both_ways);
        }
    }
  }

  // Derived accusations: a speaker who alleges that X attacked or coerced
  // someone, or cooperated with or aided an armed group, accuses X.
  const size_t found = doc.relations.size();
  for (size_t i = 0; i < found + unreported.size(); ++i) {
    const Relation r = i < found ? doc.relations[i] : unreported[i - found];
    if (r.polarity != Polarity::kAlleged || r.claimed_by.empty() || r.source < 0 || (i < found && mutual[i]))
      continue;
    // Fighting an armed group is what states and coalitions announce of
    // themselves and their allies: no accusation in it.
    bool hostile = (r.type == PloverType::kAssault || r.type == PloverType::kCoerce) &&
                   !(r.target >= 0 && doc.entities[r.target].key.rfind("group:", 0) == 0);
    bool with_armed_group = (r.type == PloverType::kCooperate || r.type == PloverType::kAid) &&
                            r.target >= 0 && doc.entities[r.target].key.rfind("group:", 0) == 0;
    if (!hostile && !with_armed_group) continue;
    // A collective the report does not name (al-madaniyyun) is not accused.
    if (doc.entities[r.source].generic) continue;
    // An outlet reports what others say; it accuses no one by reporting.
    if (IsOutlet(doc.entities[r.claimed_by.back()])) continue;
    Relation accuse;
    accuse.type = PloverType::kAccuse;
    accuse.source = r.claimed_by.back();  // who makes the allegation: the innermost speaker
    accuse.target = r.source;
    accuse.trigger = r.trigger;
    accuse.evidence = r.evidence;
    accuse.date = r.date;
    add(std::move(accuse));
  }
}

}  // namespace isnad
