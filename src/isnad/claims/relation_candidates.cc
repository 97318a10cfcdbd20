// The learned relation detector's candidates and their features (see
// relation_model.h). A candidate is an ordered pair of actors of one
// sentence, at their closest mentions; its features describe the two spans
// and what lies between and around them, as MITIE's relation detector does:
// words and light stems between and around (so that an inflection of a seen
// trigger shares its stem), the trigger table's types there, particles glued
// to each side (li-, bi-, wa-) and the closed word before it (didda, ala,
// ma'a, bayna, fi), order and distance, entity types and kinds, negation,
// reported speech (is one side the speaker of the quote the other sits in?),
// and the hand-written rules' verdict on the pair. What a relation between
// them would carry besides its type (polarity, claimants, place, date) is
// read here too, the rules' where they found the same pair.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "isnad/claims/claims.h"
#include "isnad/claims/reading.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/utf8.h"

namespace isnad {

using namespace claims_internal;

namespace {

// Words between the two sides read one by one; past this, the first and
// last kBetweenEdge only.
constexpr uint32_t kBetweenAll = 10;
constexpr uint32_t kBetweenEdge = 5;
// Words read before the first side and after the second.
constexpr uint32_t kAround = 4;
// Pairs further apart than this many words are no candidates: in reports
// without punctuation a "sentence" can run on.
constexpr uint32_t kMaxGap = 40;
// How far below its threshold the event model's score must fall for a
// learned attack or protest to be dropped (log-odds; CHANGELOG 0.20.0 has
// the trade-off measured).
constexpr float kEventGateMargin = 2.0f;
// The trigger detector reads a word as a trigger above this probability.
constexpr float kTriggerFloor = 0.3f;


std::string_view DistanceBucket(uint32_t gap) {
  if (gap <= 3) {
    static constexpr std::string_view kSmall[] = {"0", "1", "2", "3"};
    return kSmall[gap];
  }
  return gap <= 5 ? "4-5" : gap <= 8 ? "6-8" : gap <= 12 ? "9-12" : gap <= 20 ? "13-20" : "21+";
}

// The kind an entity key names (group, state, per, media...), not the
// entity itself: what transfers to actors never seen.
std::string_view KeyKind(const Entity& e) {
  std::string_view key = e.key;
  const size_t colon = key.find(':');
  return colon == std::string_view::npos ? std::string_view("none") : key.substr(0, colon);
}

struct Side {
  int entity = -1;
  uint32_t begin = 0, end = 0;  // tokens
};

// The letters of a stem three at a time: an inflection shares most of
// its base's (tahaluf, al-mutahalifa).
void LetterTrigrams(std::string_view stem, FeatureList& f) {
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < stem.size();) {
    starts.push_back(pos);
    utf8::Next(stem, pos);
  }
  starts.push_back(stem.size());
  for (size_t i = 0; i + 3 < starts.size(); ++i) f.Add("tri", stem.substr(starts[i], starts[i + 3] - starts[i]));
}

void WordFeatures(const ClaimExtractor::Reading& reading, const Sentence& s, uint32_t t, std::vector<uint64_t>& out) {
  const TextAnalysis& a = reading.a;
  FeatureList f(out);
  f.Add("bias");
  f.Add("stem", a.Stem(t));
  f.Add("form", reading.form[t]);
  LetterTrigrams(a.Stem(t), f);
  if (reading.has_and[t]) f.Add("glued", "wa");
  if (reading.has_by[t]) f.Add("glued", "bi");
  if (reading.has_to[t]) f.Add("glued", "li");
  if (reading.has_like[t]) f.Add("glued", "ka");
  if (reading.has_object[t]) f.Add("object_pronoun");
  if (reading.trigger_of[t]) f.Add("table", PloverTypeName(TriggerType(reading.trigger_of[t])));
  if (reading.role_of[t]) f.Add("role", std::to_string(reading.role_of[t]));
  if (reading.cue_of[t]) f.Add("cue", std::to_string(reading.cue_of[t]));
  if (reading.mention_at[t] >= 0) f.Add("in_mention");
  f.Add("prev", t > s.token_begin ? a.Stem(t - 1) : std::string_view("<s>"));
  f.Add("next", t + 1 < s.token_end ? a.Stem(t + 1) : std::string_view("</s>"));
  if (t > s.token_begin && reading.mention_at[t - 1] >= 0) f.Add("actor_before");
  if (t + 1 < s.token_end && reading.mention_at[t + 1] >= 0) f.Add("actor_after");
  if (t + 1 < s.token_end && reading.has_to[t + 1]) f.Add("li_after");
}

using Reading = ClaimExtractor::Reading;

struct PlacedMention {
  int entity;
  uint32_t begin, end;  // tokens
};

// The mentions of actors outside the header, by their tokens, in text order.
std::vector<PlacedMention> PlaceMentions(const Reading& reading) {
  std::vector<PlacedMention> placed;
  for (const Mention& m : reading.doc.mentions) {
    if (m.entity < 0 || m.span.empty() || reading.InHeader(m.span.begin)) continue;
    placed.push_back({m.entity, static_cast<uint32_t>(reading.TokenAt(m.span.begin)),
                      static_cast<uint32_t>(reading.TokenAt(m.span.end - 1)) + 1});
  }
  std::sort(placed.begin(), placed.end(), [](const PlacedMention& x, const PlacedMention& y) {
    return std::tie(x.begin, x.end) < std::tie(y.begin, y.end);
  });
  return placed;
}

// One sentence and what the pair features read of it.
struct SentenceActors {
  const Sentence* s = nullptr;
  Span evidence;
  const PlacedMention* first = nullptr;  // the sentence's mentions: [first, last)
  const PlacedMention* last = nullptr;
  std::vector<const Relation*> ruled;  // the rules' relations of the sentence, both sides named
  uint16_t unreported = 0;             // event types the event model says it does not report
};

struct Pair {
  Side source, target;
  uint32_t gap;  // words between
  bool forward() const { return source.begin < target.begin; }  // the source first
  const Side& left() const { return forward() ? source : target; }
  const Side& right() const { return forward() ? target : source; }
  std::string_view dir() const { return forward() ? "ab" : "ba"; }
};

// The closest mentions of each ordered pair of the sentence's actors.
std::vector<Pair> ClosestPairs(const SentenceActors& sentence) {
  std::vector<Pair> pairs;
  for (const PlacedMention* x = sentence.first; x != sentence.last; ++x)
    for (const PlacedMention* y = sentence.first; y != sentence.last; ++y) {
      if (x->entity == y->entity || (x->begin < y->end && y->begin < x->end)) continue;
      const uint32_t gap = x->begin < y->begin ? y->begin - x->end : x->begin - y->end;
      if (gap > kMaxGap) continue;
      auto same = std::find_if(pairs.begin(), pairs.end(), [&](const Pair& p) {
        return p.source.entity == x->entity && p.target.entity == y->entity;
      });
      const Pair p{{x->entity, x->begin, x->end}, {y->entity, y->begin, y->end}, gap};
      if (same == pairs.end())
        pairs.push_back(p);
      else if (gap < same->gap)
        *same = p;
    }
  return pairs;
}

// The two sides: their types and kinds, order, distance, actors between.
void SidesFeatures(const Reading& reading, const SentenceActors& sentence, const Pair& pair, FeatureList& f) {
  const Entity& es = reading.doc.entities[pair.source.entity];
  const Entity& et = reading.doc.entities[pair.target.entity];
  const std::string_view dir = pair.dir();
  const Side& left = pair.left();
  const Side& right = pair.right();
  for (PloverType type : {PloverType::kAssault, PloverType::kProtest})
    if (sentence.unreported >> static_cast<int>(type) & 1) f.Add("event_model_no", PloverTypeName(type));
  f.Add("dir", dir);
  const std::string types = std::string(EntityTypeName(es.type)) + ">" + EntityTypeName(et.type);
  f.Add("types", types, dir);
  f.Add("tA", EntityTypeName(es.type));
  f.Add("tB", EntityTypeName(et.type));
  if (es.generic) f.Add("genericA");
  if (et.generic) f.Add("genericB");
  f.Add("kinds", std::string(KeyKind(es)) + ">" + std::string(KeyKind(et)), dir);
  f.Add("kA", KeyKind(es));
  f.Add("kB", KeyKind(et));
  f.Add("dist", DistanceBucket(pair.gap), dir);
  int others = 0;
  for (const PlacedMention* m = sentence.first; m != sentence.last; ++m)
    if (m->begin >= left.end && m->end <= right.begin) ++others;
  f.Add("between_actors", std::to_string(std::min(others, 3)), dir);
}

// The words between the sides (all, or the two edges) and around them, and
// what is glued to each side and stands before it.
void WordsOfPair(const Reading& reading, const Sentence& s, const Pair& pair, FeatureList& f) {
  const TextAnalysis& a = reading.a;
  const std::string_view dir = pair.dir();
  const Side& left = pair.left();
  const Side& right = pair.right();
  for (uint32_t k = left.end; k < right.begin; ++k) {
    const uint32_t from_left = k - left.end, from_right = right.begin - 1 - k;
    if (pair.gap > kBetweenAll && from_left >= kBetweenEdge && from_right >= kBetweenEdge) continue;
    f.Add("bw", a.Stem(k), dir);
    f.Add("bw", a.Stem(k));
    if (from_left == 0) f.Add("bw_first", a.Stem(k), dir);
    if (from_right == 0) f.Add("bw_last", a.Stem(k), dir);
  }
  for (uint32_t d = 1; d <= kAround && left.begin >= s.token_begin + d; ++d) {
    f.Add("wl", a.Stem(left.begin - d), dir);
    if (d == 1) f.Add("wl1", a.Stem(left.begin - d), dir);
  }
  for (uint32_t d = 0; d < kAround && right.end + d < s.token_end; ++d) {
    f.Add("wr", a.Stem(right.end + d), dir);
    if (d == 0) f.Add("wr1", a.Stem(right.end + d), dir);
  }
  auto side = [&](const Side& one, std::string_view name) {
    if (reading.has_to[one.begin]) f.Add(name, "li");
    if (reading.has_by[one.begin]) f.Add(name, "bi");
    if (reading.has_and[one.begin]) f.Add(name, "wa");
    if (one.begin > s.token_begin) {
      const uint32_t before = one.begin - 1;
      f.Add(name, "role" + std::to_string(reading.role_of[before]));
      f.Add(name, "prev", a.Stem(before));
      if (reading.trigger_of[before])
        f.Add(name, "after_trigger", PloverTypeName(TriggerType(reading.trigger_of[before])));
    } else {
      f.Add(name, "opens");
    }
    if (one.end < s.token_end) f.Add(name, "next", a.Stem(one.end));
  };
  side(pair.source, "A");
  side(pair.target, "B");
}

// The words near the pair (the candidate's window over the sentence's
// WordCandidates, from `first_word`), the trigger table's entries and
// negation there; returns the trigger nearest the pair (between first,
// then before, then after), or UINT32_MAX.
uint32_t TriggersNearPair(const Reading& reading, const Sentence& s, const Pair& pair, uint32_t first_word,
                          RelationCandidate& c, FeatureList& f) {
  const std::string_view dir = pair.dir();
  const Side& left = pair.left();
  const Side& right = pair.right();
  const uint32_t window_begin = left.begin >= s.token_begin + kAround ? left.begin - kAround : s.token_begin;
  const uint32_t window_end = std::min(right.end + kAround, s.token_end);
  auto rank = [&](uint32_t t) {
    return t >= left.end && t < right.begin ? 0u : t < left.begin ? 1 + (left.begin - t) : 20 + (t - right.end);
  };
  uint32_t nearest = UINT32_MAX;
  bool negated = false;
  c.forward = pair.forward();
  for (uint32_t k = window_begin; k < window_end; ++k) {
    if ((k >= left.begin && k < left.end) || (k >= right.begin && k < right.end)) continue;
    c.window.emplace_back(first_word + (k - s.token_begin), k < left.begin    ? WordPlace::kBefore
                                                            : k < right.begin ? WordPlace::kBetween
                                                                              : WordPlace::kAfter);
    if (reading.role_of[k] == kNegation || reading.role_of[k] == kNegatingNoun) negated = true;
    if (reading.cue_of[k] && k >= left.end && k < right.begin) f.Add("cue_between", std::to_string(reading.cue_of[k]));
    if (!reading.trigger_of[k]) continue;
    const std::string_view where = k < left.begin ? "L" : k < right.begin ? "M" : "R";
    const char* type = PloverTypeName(TriggerType(reading.trigger_of[k]));
    f.Add("trigger", type, std::string(where) + std::string(dir));
    f.Add("trigger_type", type);
    f.Add("trigger_stem", reading.a.Stem(k), where);
    if (nearest == UINT32_MAX || rank(k) < rank(nearest)) nearest = k;
  }
  if (nearest != UINT32_MAX)
    f.Add("nearest_trigger", PloverTypeName(TriggerType(reading.trigger_of[nearest])), dir);
  else
    f.Add("no_trigger");
  if (negated) f.Add("negated");
  if (pair.gap == 0 || (pair.gap == 1 && reading.has_and[right.begin])) f.Add("adjacent_or_joined", dir);
  return nearest;
}

// Reported speech (is one side the speaker of the words the other is in?)
// and the rules' verdicts on the pair; returns the rules' relation of the
// pair, or null.
const Relation* SpeechAndRules(const Reading& reading, const SentenceActors& sentence, const Pair& pair,
                               RelationCandidate& c, FeatureList& f) {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  const Side& src = pair.source;
  const Side& tgt = pair.target;
  const Span src_span{a.tokens[src.begin].begin, a.tokens[src.end - 1].end};
  const Span tgt_span{a.tokens[tgt.begin].begin, a.tokens[tgt.end - 1].end};
  const int quote_of_src = reading.InnermostQuote(src_span);
  const int quote_of_tgt = reading.InnermostQuote(tgt_span);
  if (quote_of_tgt >= 0 && doc.quotes[quote_of_tgt].speaker == src.entity) f.Add("A_says_B");
  if (quote_of_src >= 0 && doc.quotes[quote_of_src].speaker == tgt.entity) f.Add("B_says_A");
  f.Add("quoted", std::to_string(quote_of_src >= 0) + std::to_string(quote_of_tgt >= 0));
  for (const Quote& q : doc.quotes)
    if (q.speaker_span.begin == src_span.begin) f.Add("A_is_speaker");
  const Relation* rule = nullptr;
  for (const Relation* r : sentence.ruled) {
    if (r->source == src.entity && r->target == tgt.entity) {
      f.Add("rule", PloverTypeName(r->type));
      c.ruled_types |= static_cast<uint16_t>(1u << static_cast<int>(r->type));
      if (!rule) rule = r;
    }
    if (r->source == tgt.entity && r->target == src.entity) f.Add("rule_reversed", PloverTypeName(r->type));
  }
  if (!rule) f.Add("rule", "none");
  return rule;
}

// Where it happened: the sentence's first place after fi that is not a side.
int PlaceOf(const Reading& reading, const SentenceActors& sentence, const Pair& pair) {
  for (const PlacedMention* m = sentence.first; m != sentence.last; ++m)
    if (m->entity != pair.source.entity && m->entity != pair.target.entity &&
        reading.doc.entities[m->entity].type == EntityType::kLoc && m->begin > sentence.s->token_begin &&
        reading.role_of[m->begin - 1] == kIn)
      return m->entity;
  return -1;
}

}  // namespace

void ClaimExtractor::FindCandidates(const Reading& reading, ClaimCandidates& out) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  out.words.clear();
  out.pairs.clear();
  out.speakers.clear();  // (the quotes are FindQuotes')
  const std::vector<PlacedMention> placed = PlaceMentions(reading);
  size_t first = 0;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    while (first < placed.size() && placed[first].begin < s.token_begin) ++first;
    size_t last = first;
    while (last < placed.size() && placed[last].begin < s.token_end) ++last;
    if (last - first < 2) continue;
    SentenceActors sentence;
    sentence.s = &s;
    sentence.evidence = Span{a.tokens[s.token_begin].begin, a.tokens[s.token_end - 1].end};
    sentence.first = placed.data() + first;
    sentence.last = placed.data() + last;
    const std::vector<Pair> pairs = ClosestPairs(sentence);
    if (pairs.empty()) continue;
    for (const Relation& r : doc.relations)
      if (r.evidence.begin == sentence.evidence.begin && r.source >= 0 && r.target >= 0) sentence.ruled.push_back(&r);
    for (PloverType type : {PloverType::kAssault, PloverType::kProtest})
      if (EventMargin(reading, si, type) <= -kEventGateMargin)
        sentence.unreported |= static_cast<uint16_t>(1u << static_cast<int>(type));
    // The sentence's words, for the trigger detector.
    const uint32_t first_word = static_cast<uint32_t>(out.words.size());
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      WordCandidate w;
      w.token = t;
      w.features.reserve(40);
      WordFeatures(reading, s, t, w.features);
      out.words.push_back(std::move(w));
    }
    std::optional<ReportDate> date;
    bool dated = false;
    for (const Pair& pair : pairs) {
      RelationCandidate c;
      c.sentence = si;
      c.features.reserve(128);
      c.unreported_events = sentence.unreported;
      FeatureList f(c.features);
      f.Add("bias");
      SidesFeatures(reading, sentence, pair, f);
      WordsOfPair(reading, s, pair, f);
      const uint32_t nearest_trigger = TriggersNearPair(reading, s, pair, first_word, c, f);
      const Relation* rule = SpeechAndRules(reading, sentence, pair, c, f);
      // What a relation between them carries, whatever its type: the
      // rules' relation, else what the sentence says around its trigger.
      Relation& r = c.relation;
      if (rule) {
        r = *rule;
      } else {
        const uint32_t t = nearest_trigger != UINT32_MAX ? nearest_trigger : pair.right().begin;
        r.trigger = Span{a.tokens[t].begin, a.tokens[t].end};
        r.evidence = sentence.evidence;
        FinishClaim(reading, r, s, t);
        if (!dated) date = dater_.Resolve(doc, s), dated = true;
        r.date = date;
        r.location = PlaceOf(reading, sentence, pair);
      }
      r.source = pair.source.entity;
      r.target = pair.target.entity;
      c.quote = reading.InnermostQuote(r.trigger);
      out.pairs.push_back(std::move(c));
    }
  }
}

namespace {

uint64_t StackedFeature(std::string_view name, std::string_view value) {
  std::string key = "stacked:";
  key.append(name);
  key.push_back('=');
  key.append(value);
  return HashBytes(key);
}

}  // namespace

void StackedFeatures(const RelationCandidate& pair, const std::vector<TypedLinearModel::Weights>& word_probabilities,
                     std::vector<uint64_t>& out) {
  static constexpr std::string_view kPlace[] = {"before", "between", "after"};
  out = pair.features;
  const std::string_view dir = pair.forward ? "ab" : "ba";
  int between = 0;
  float best = 0;
  std::string best_value;
  for (const auto& [word, place] : pair.window) {
    const TypedLinearModel::Weights& p = word_probabilities[word];
    if (p[kRelatedColumn] <= kTriggerFloor) continue;
    const int type = static_cast<int>(std::max_element(p.begin(), p.begin() + kNumPloverTypes) - p.begin());
    const std::string type_name = PloverTypeName(static_cast<PloverType>(type));
    const std::string_view where = kPlace[static_cast<int>(place)];
    out.push_back(StackedFeature("trigger", type_name + "|" + std::string(where) + "|" + std::string(dir)));
    out.push_back(StackedFeature("trigger_type", type_name));
    out.push_back(StackedFeature("trigger_at", std::string(where) + (p[kRelatedColumn] > 0.6f ? "|sure" : "|maybe")));
    between += place == WordPlace::kBetween;
    // The strongest, preferring one between the two sides.
    const float score = p[kRelatedColumn] + (place == WordPlace::kBetween ? 1.0f : 0.0f);
    if (score > best) {
      best = score;
      best_value = type_name + "|" + std::string(where) + "|" + std::string(dir);
    }
  }
  out.push_back(StackedFeature("triggers_between", std::to_string(std::min(between, 2))));
  out.push_back(StackedFeature("best_trigger", best_value.empty() ? "none" : best_value));
}

std::string PairFeaturesName() {
  // Bump the version when a feature changes.
  char name[160];
  std::snprintf(name, sizeof name, "pairs-1 gap=%u between=%u/%u around=%u event-margin=%g trigger-floor=%g",
                kMaxGap, kBetweenAll, kBetweenEdge, kAround, static_cast<double>(kEventGateMargin),
                static_cast<double>(kTriggerFloor));
  return name;
}

std::string WordFeaturesName() { return "words-1"; }  // bump when WordFeatures changes

}  // namespace isnad
