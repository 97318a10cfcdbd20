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

}  // namespace

void ClaimExtractor::FindCandidates(const Reading& reading, ClaimCandidates& out) const {
  const Document& doc = reading.doc;
  const TextAnalysis& a = reading.a;
  out = ClaimCandidates();
  // Each mention's tokens and sentence.
  struct Placed {
    int entity;
    uint32_t begin, end, sentence;
  };
  std::vector<Placed> placed;
  for (const Mention& m : doc.mentions) {
    if (m.entity < 0 || m.span.empty()) continue;
    const uint32_t begin = static_cast<uint32_t>(reading.TokenAt(m.span.begin));
    const uint32_t end = static_cast<uint32_t>(reading.TokenAt(m.span.end - 1)) + 1;
    if (reading.InHeader(m.span.begin)) continue;
    placed.push_back({m.entity, begin, end, m.sentence});
  }
  std::sort(placed.begin(), placed.end(),
            [](const Placed& x, const Placed& y) { return std::tie(x.begin, x.end) < std::tie(y.begin, y.end); });

  auto stem = [&](uint32_t t) { return a.Stem(t); };
  std::optional<ReportDate> date;
  uint32_t dated = UINT32_MAX;
  size_t first_in_sentence = 0;
  std::vector<uint64_t> sentence_features;
  uint32_t features_for = UINT32_MAX;
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    while (first_in_sentence < placed.size() && placed[first_in_sentence].begin < s.token_begin)
      ++first_in_sentence;
    size_t last = first_in_sentence;
    while (last < placed.size() && placed[last].begin < s.token_end) ++last;
    if (last - first_in_sentence < 2) continue;
    const Span evidence{a.tokens[s.token_begin].begin, a.tokens[s.token_end - 1].end};
    // The rules' relations of this sentence, by their pair.
    std::vector<const Relation*> ruled;
    for (const Relation& r : doc.relations)
      if (r.evidence.begin == evidence.begin && r.source >= 0 && r.target >= 0) ruled.push_back(&r);

    // The event types the sentence does not report, by the event model.
    uint16_t unreported = 0;
    for (PloverType type : {PloverType::kAssault, PloverType::kProtest}) {
      if (!events_.Knows(type)) continue;
      if (sentence_features.empty() || features_for != si) {
        SentenceFeatures(doc, s, sentence_features);
        features_for = si;
      }
      if (events_.Score(type, sentence_features) <= events_.Threshold(type) - kEventGateMargin)
        unreported |= static_cast<uint16_t>(1u << static_cast<int>(type));
    }
    // The closest mentions of each ordered pair of entities.
    struct Pair {
      Side source, target;
      uint32_t gap;
    };
    std::vector<Pair> pairs;
    for (size_t i = first_in_sentence; i < last; ++i)
      for (size_t j = first_in_sentence; j < last; ++j) {
        const Placed& x = placed[i];
        const Placed& y = placed[j];
        if (x.entity == y.entity || (x.begin < y.end && y.begin < x.end)) continue;
        const uint32_t gap = x.begin < y.begin ? y.begin - x.end : x.begin - y.end;
        if (gap > kMaxGap) continue;
        auto same = std::find_if(pairs.begin(), pairs.end(), [&](const Pair& p) {
          return p.source.entity == x.entity && p.target.entity == y.entity;
        });
        Pair p{{x.entity, x.begin, x.end}, {y.entity, y.begin, y.end}, gap};
        if (same == pairs.end())
          pairs.push_back(p);
        else if (gap < same->gap)
          *same = p;
      }

    if (pairs.empty()) continue;
    // The sentence's words, for the trigger detector.
    const uint32_t first_word = static_cast<uint32_t>(out.words.size());
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      WordCandidate w;
      w.token = t;
      w.features.reserve(40);
      WordFeatures(reading, s, t, w.features);
      out.words.push_back(std::move(w));
    }
    for (const Pair& pair : pairs) {
      RelationCandidate c;
      c.sentence = si;
      c.features.reserve(128);
      c.unreported_events = unreported;
      FeatureList f(c.features);
      const Side& src = pair.source;
      const Side& tgt = pair.target;
      const bool forward = src.begin < tgt.begin;
      const std::string_view dir = forward ? "ab" : "ba";
      const Side& left = forward ? src : tgt;
      const Side& right = forward ? tgt : src;
      const Entity& es = doc.entities[src.entity];
      const Entity& et = doc.entities[tgt.entity];
      f.Add("bias");
      for (PloverType type : {PloverType::kAssault, PloverType::kProtest})
        if (unreported >> static_cast<int>(type) & 1) f.Add("event_model_no", PloverTypeName(type));
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
      for (size_t k = first_in_sentence; k < last; ++k)
        if (placed[k].begin >= left.end && placed[k].end <= right.begin) ++others;
      f.Add("between_actors", std::to_string(std::min(others, 3)), dir);

      // Words between, all of them or the two edges.
      for (uint32_t k = left.end; k < right.begin; ++k) {
        const uint32_t from_left = k - left.end, from_right = right.begin - 1 - k;
        if (pair.gap > kBetweenAll && from_left >= kBetweenEdge && from_right >= kBetweenEdge) continue;
        f.Add("bw", stem(k), dir);
        f.Add("bw", stem(k));
        if (from_left == 0) f.Add("bw_first", stem(k), dir);
        if (from_right == 0) f.Add("bw_last", stem(k), dir);
      }
      // Words around the pair.
      for (uint32_t d = 1; d <= kAround && left.begin >= s.token_begin + d; ++d) {
        f.Add("wl", stem(left.begin - d), dir);
        if (d == 1) f.Add("wl1", stem(left.begin - d), dir);
      }
      for (uint32_t d = 0; d < kAround && right.end + d < s.token_end; ++d) {
        f.Add("wr", stem(right.end + d), dir);
        if (d == 0) f.Add("wr1", stem(right.end + d), dir);
      }
      // What is glued to each side and the closed word before it.
      auto side_features = [&](const Side& side, std::string_view name) {
        if (reading.has_to[side.begin]) f.Add(name, "li");
        if (reading.has_by[side.begin]) f.Add(name, "bi");
        if (reading.has_and[side.begin]) f.Add(name, "wa");
        if (side.begin > s.token_begin) {
          const uint32_t before = side.begin - 1;
          f.Add(name, "role" + std::to_string(reading.role_of[before]));
          f.Add(name, "prev", stem(before));
          if (reading.trigger_of[before]) f.Add(name, "after_trigger", PloverTypeName(TriggerType(reading.trigger_of[before])));
        } else {
          f.Add(name, "opens");
        }
        if (side.end < s.token_end) f.Add(name, "next", stem(side.end));
      };
      side_features(src, "A");
      side_features(tgt, "B");

      // The trigger table's words near the pair, and negation.
      const uint32_t window_begin = left.begin >= s.token_begin + kAround ? left.begin - kAround : s.token_begin;
      const uint32_t window_end = std::min(right.end + kAround, s.token_end);
      uint32_t nearest_trigger = UINT32_MAX;
      bool negated = false;
      c.forward = forward;
      for (uint32_t k = window_begin; k < window_end; ++k) {
        if ((k >= src.begin && k < src.end) || (k >= tgt.begin && k < tgt.end)) continue;
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
        f.Add("trigger_stem", stem(k), where);
        // The one nearest the pair: between first, then before, then after.
        auto rank = [&](uint32_t t) {
          return t >= left.end && t < right.begin ? 0u : t < left.begin ? 1 + (left.begin - t) : 20 + (t - right.end);
        };
        if (nearest_trigger == UINT32_MAX || rank(k) < rank(nearest_trigger)) nearest_trigger = k;
      }
      if (nearest_trigger != UINT32_MAX)
        f.Add("nearest_trigger", PloverTypeName(TriggerType(reading.trigger_of[nearest_trigger])), dir);
      else
        f.Add("no_trigger");
      if (negated) f.Add("negated");
      if (pair.gap == 0 || (pair.gap == 1 && reading.has_and[right.begin])) f.Add("adjacent_or_joined", dir);

      // Reported speech: one side the speaker of the words the other is in.
      const Span src_span{a.tokens[src.begin].begin, a.tokens[src.end - 1].end};
      const Span tgt_span{a.tokens[tgt.begin].begin, a.tokens[tgt.end - 1].end};
      const int quote_of_src = reading.InnermostQuote(src_span);
      const int quote_of_tgt = reading.InnermostQuote(tgt_span);
      if (quote_of_tgt >= 0 && doc.quotes[quote_of_tgt].speaker == src.entity) f.Add("A_says_B");
      if (quote_of_src >= 0 && doc.quotes[quote_of_src].speaker == tgt.entity) f.Add("B_says_A");
      f.Add("quoted", std::to_string(quote_of_src >= 0) + std::to_string(quote_of_tgt >= 0));
      for (const Quote& q : doc.quotes)
        if (q.speaker_span.begin == src_span.begin) f.Add("A_is_speaker");

      // The rules' verdicts.
      const Relation* rule = nullptr;
      for (const Relation* r : ruled) {
        if (r->source == src.entity && r->target == tgt.entity) {
          f.Add("rule", PloverTypeName(r->type));
          c.ruled_types |= static_cast<uint16_t>(1u << static_cast<int>(r->type));
          if (!rule) rule = r;
        }
        if (r->source == tgt.entity && r->target == src.entity) f.Add("rule_reversed", PloverTypeName(r->type));
      }
      if (!rule) f.Add("rule", "none");

      // What a relation between them carries, whatever its type.
      Relation& r = c.relation;
      if (rule) {
        r = *rule;
      } else {
        const uint32_t t = nearest_trigger != UINT32_MAX ? nearest_trigger : right.begin;
        r.trigger = Span{a.tokens[t].begin, a.tokens[t].end};
        r.evidence = evidence;
        FinishClaim(reading, r, s, t);
        if (dated != si) {
          date = dater_.Resolve(doc, s);
          dated = si;
        }
        r.date = date;
        for (size_t k = first_in_sentence; k < last && r.location < 0; ++k) {
          const Placed& m = placed[k];
          if (m.entity != src.entity && m.entity != tgt.entity &&
              doc.entities[m.entity].type == EntityType::kLoc && m.begin > s.token_begin &&
              reading.role_of[m.begin - 1] == kIn)
            r.location = m.entity;
        }
      }
      r.source = src.entity;
      r.target = tgt.entity;
      c.quote = reading.InnermostQuote(r.trigger);
      out.pairs.push_back(std::move(c));
    }
  }
}

}  // namespace isnad
