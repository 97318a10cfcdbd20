#include "isnad/train/ner_trainer.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <cmath>
#include <fstream>
#include <random>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "isnad/text/normalize.h"

namespace isnad {

namespace {

// Runs job(0) .. job(n - 1) on the machine's cores; each job writes only its
// own results, so the outcome does not depend on the schedule.
void RunJobs(size_t n, const std::function<void(size_t)>& job) {
  const size_t workers = std::max<size_t>(1, std::min<size_t>(n, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w)
    threads.emplace_back([&] {
      for (size_t j; (j = next++) < n;) job(j);
    });
  for (auto& t : threads) t.join();
}

std::string StripMarks(std::string s) {
  // NewsFANE words carry LRM marks and a BOM; ANERcorp has stray RLMs.
  for (const char* mark : {"\xE2\x80\x8E", "\xE2\x80\x8F", "\xEF\xBB\xBF"}) {
    size_t p;
    while ((p = s.find(mark)) != std::string::npos) s.erase(p, 3);
  }
  return s;
}

bool IsSentenceEnd(const std::string& w) { return w == "." || w == "!" || w == "?" || w == "\xD8\x9F"; }

// Marks a mapped NewsFANE tag whose words ANERcorp's convention may as well
// leave outside any entity.
constexpr int kOutsideToo = 0x100;

// NewsFANE's fine classes -> the four ANERcorp classes.
int MapFaneTag(const std::string& tag) {
  if (tag == "O" || tag.size() < 3) return 0;
  // Peoples and communities (al-Arab, al-Akrad, al-Shi'a): NewsFANE's
  // "Group"; ANERcorp leaves them untagged, and they are not named
  // organizations.
  if (tag.substr(2) == "Group") return 0;
  // Government bodies (al-hukuma, wizarat al-kharijiyya, al-jaysh): NewsFANE
  // tags them all, ANERcorp only some (majlis al-amn, not wizarat X): either
  // reading is accepted, and ANERcorp's sentences teach which.
  if (tag.substr(2) == "Government")
    return (tag[0] == 'B' ? BeginTag(EntityType::kOrg) : InsideTag(EntityType::kOrg)) | kOutsideToo;
  static const std::unordered_map<std::string, EntityType> kMap = {
      {"Politician", EntityType::kPer}, {"Athlete", EntityType::kPer}, {"Artist", EntityType::kPer},
      {"Other_PER", EntityType::kPer}, {"Religious_PER", EntityType::kPer}, {"Scientist", EntityType::kPer},
      {"Businessperson", EntityType::kPer}, {"Lawyer", EntityType::kPer}, {"Engineer", EntityType::kPer},
      {"Non-Governmental", EntityType::kOrg}, {"Sports", EntityType::kOrg},
      {"Media", EntityType::kOrg}, {"Commercial", EntityType::kOrg},
      {"Educational", EntityType::kOrg}, {"Police", EntityType::kOrg}, {"Religious_ORG", EntityType::kOrg},
      {"Medical-Science", EntityType::kOrg}, {"Entertainment", EntityType::kOrg},
      {"Nation", EntityType::kLoc}, {"Population-Center", EntityType::kLoc},
      {"State-or-Province", EntityType::kLoc}, {"GPE-Cluster", EntityType::kLoc},
      {"Water-Body", EntityType::kLoc}, {"Land", EntityType::kLoc}, {"Continent", EntityType::kLoc},
      {"County-or-District", EntityType::kLoc}, {"Land-Region-Natural", EntityType::kLoc},
      {"Airport", EntityType::kLoc},
      // Buildings, roads and facilities (al-bayt al-abyad, al-Ka'ba, masjid
      // X) are left unmapped: ANERcorp leaves them untagged or calls them MISC.
  };
  auto it = kMap.find(tag.substr(2));
  EntityType type = it == kMap.end() ? EntityType::kMisc : it->second;
  return tag[0] == 'B' ? BeginTag(type) : InsideTag(type);
}

bool IsProclitic(const std::string& w) {
  return w == "\xD9\x88" || w == "\xD9\x81" || w == "\xD8\xA8" || w == "\xD9\x84" || w == "\xD9\x83";  // w f b l k
}

bool IsEnclitic(const std::string& w) {
  static const char* kSuffixes[] = {"\xD9\x87", "\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85", "\xD9\x87\xD9\x85\xD8\xA7",
                                    "\xD9\x87\xD9\x86", "\xD9\x83\xD9\x85", "\xD9\x83\xD9\x86", "\xD9\x86\xD8\xA7",
                                    "\xD9\x8A", "\xD9\x83", "\xD9\x86\xD9\x8A"};  // h ha hm hma hn km kn na y k ny
  for (const char* s : kSuffixes)
    if (w == s) return true;
  return false;
}

// jaiza "prize", jawaiz "prizes", with a clitic or the article before.
bool IsPrizeNoun(const std::string& word) {
  static const std::string kPrize = Normalize("\xD8\xAC\xD8\xA7\xD8\xA6\xD8\xB2\xD8\xA9", NormalizeOptions::Matching()),
                           kPrizes = Normalize("\xD8\xAC\xD9\x88\xD8\xA7\xD8\xA6\xD8\xB2", NormalizeOptions::Matching());
  const std::string w = Normalize(word, NormalizeOptions::Matching());
  for (const std::string* noun : {&kPrize, &kPrizes})
    if (w.size() >= noun->size() && w.size() <= noun->size() + 6 && w.ends_with(*noun)) return true;
  return false;
}

// The text of a set of sentences, to find other sentences that repeat it:
// a sentence repeats the set when a stretch of kStretchBytes of its letters
// (words joined, Matching normalization, so that clitic splits and hamza
// spellings do not matter) occurs there, or when all of it, being shorter,
// is one of the set's sentences.
class SharedText {
 public:
  explicit SharedText(const std::vector<TaggedSentence>& sentences) {
    for (const TaggedSentence& s : sentences) {
      const std::string letters = Letters(s);
      whole_.insert(HashBytes(letters));
      for (size_t k = 0; k + kStretchBytes <= letters.size(); ++k)
        stretches_.insert(HashBytes(std::string_view(letters).substr(k, kStretchBytes)));
    }
  }
  bool Repeats(const TaggedSentence& s) const {
    const std::string letters = Letters(s);
    if (letters.size() < kStretchBytes) return whole_.count(HashBytes(letters)) > 0;
    for (size_t k = 0; k + kStretchBytes <= letters.size(); ++k)
      if (stretches_.count(HashBytes(std::string_view(letters).substr(k, kStretchBytes)))) return true;
    return false;
  }

 private:
  static constexpr size_t kStretchBytes = 48;  // about 24 Arabic letters, four or five words
  static std::string Letters(const TaggedSentence& s) {
    static const NormalizeOptions match = NormalizeOptions::Matching();
    std::string out;
    for (const std::string& w : s.words) out += Normalize(w, match);
    return out;
  }
  std::unordered_set<uint64_t> stretches_, whole_;
};

}  // namespace

size_t LeaveOutRepeats(const std::vector<TaggedSentence>& reference, std::vector<TaggedSentence>& sentences) {
  const SharedText text(reference);
  const size_t before = sentences.size();
  std::erase_if(sentences, [&](const TaggedSentence& s) { return text.Repeats(s); });
  return before - sentences.size();
}

Status ReadConllNer(const std::string& path, std::vector<TaggedSentence>& out) {
  std::ifstream in(path);
  if (!in) return Status::Error(path + ": cannot open");
  std::string line;
  TaggedSentence cur;
  uint64_t line_no = 0;
  auto flush = [&] {
    if (!cur.words.empty()) out.push_back(std::move(cur));
    cur = TaggedSentence();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto f = SplitFields(line);
    if (f.empty()) {
      flush();
      continue;
    }
    std::string word = StripMarks(std::string(f[0]));
    int tag = f.size() >= 2 ? ParseTag(StripMarks(std::string(f.back()))) : 0;
    if (tag < 0) tag = 0;  // unknown label: outside
    if (word.empty()) continue;
    cur.words.push_back(word);
    cur.tags.push_back(tag);
    // Files without sentence breaks (ANERcorp's training part) are cut at
    // sentence-final punctuation, or every 120 words.
    if ((IsSentenceEnd(word) && tag == 0) || cur.words.size() >= 120) flush();
  }
  flush();
  return Status::Ok();
}

Status ReadNewsFane(const std::string& path, std::vector<TaggedSentence>& out) {
  std::ifstream in(path);
  if (!in) return Status::Error(path + ": cannot open");
  std::string line;
  std::vector<std::pair<std::string, int>> raw;
  auto flush = [&] {
    TaggedSentence s;
    for (size_t i = 0; i < raw.size(); ++i) {
      auto [w, tag] = raw[i];
      // wa / fa / bi / li / ka written apart: join to the next word.
      while (IsProclitic(w) && i + 1 < raw.size() && !raw[i + 1].first.empty()) {
        int next_tag = raw[i + 1].second;
        w += raw[i + 1].first;
        tag = IsInside(tag) ? tag : next_tag;
        ++i;
      }
      if (IsEnclitic(w) && !s.words.empty()) {
        s.words.back() += w;
        continue;
      }
      s.words.push_back(w);
      s.tags.push_back(tag & ~kOutsideToo);
      s.outside_too.push_back((tag & kOutsideToo) != 0);
    }
    // A person a prize is named after (jaizat Nobel): NewsFANE tags the
    // person, ANERcorp the prize, as MISC.
    for (size_t k = 1; k < s.words.size(); ++k) {
      if (!IsBegin(s.tags[k]) || TagType(s.tags[k]) != EntityType::kPer || !IsPrizeNoun(s.words[k - 1])) continue;
      s.tags[k] = BeginTag(EntityType::kMisc);
      for (size_t j = k + 1; j < s.words.size() && s.tags[j] == InsideTag(EntityType::kPer); ++j)
        s.tags[j] = InsideTag(EntityType::kMisc);
    }
    s.misc_unlabeled = true;
    if (!s.words.empty()) out.push_back(std::move(s));
    raw.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    line = StripMarks(line);
    auto f = SplitFields(line);
    if (f.empty()) {
      flush();
      continue;
    }
    raw.emplace_back(std::string(f[0]), f.size() >= 2 ? MapFaneTag(std::string(f.back())) : 0);
  }
  flush();
  return Status::Ok();
}

Status TrainNer(const std::vector<TaggedSentence>& data, const std::vector<std::vector<NerToken>>& tokens,
                const std::vector<size_t>& subset, const NerTrainOptions& options, NerModel& out, std::string* log) {
  // The sentences trained on, by index: `subset`, or all.
  std::vector<size_t> order = subset;
  if (order.empty())
    for (size_t i = 0; i < data.size(); ++i) order.push_back(i);
  if (data.empty()) return Status::Error("no training sentences");
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<uint64_t> keys;
  std::vector<float> w, total;
  std::vector<int64_t> stamp;
  int64_t clock = 0;
  auto slot = [&](uint64_t f) -> uint32_t {
    auto [it, added] = index.emplace(f, static_cast<uint32_t>(keys.size()));
    if (added) {
      keys.push_back(f);
      w.resize(w.size() + kNumTags, 0);
      total.resize(total.size() + kNumTags, 0);
      stamp.resize(stamp.size() + kNumTags, 0);
    }
    return it->second;
  };
  auto update = [&](uint32_t s, int c, float delta) {
    size_t k = static_cast<size_t>(s) * kNumTags + c;
    total[k] += static_cast<float>(clock - stamp[k]) * w[k];
    stamp[k] = clock;
    w[k] += delta;
  };

  std::mt19937 rng(options.seed);
  std::vector<uint64_t> feats;
  // Structured training with the tagger's own beam search and early update
  // (Collins and Roark 2004): the weights learn to rank whole tag sequences,
  // which is what the beam compares.
  struct Hyp {
    float score;
    std::vector<int> tags;
  };
  auto misc_or_o = [](int tag) { return tag == 0 || (tag > 0 && TagType(tag) == EntityType::kMisc); };
  // Whether `tag` agrees with sentence `si`'s gold tag at word j.
  auto same_tag = [&](size_t si, size_t j, int tag) {
    const TaggedSentence& s = data[si];
    int gold = s.tags[j];
    return tag == gold || (s.misc_unlabeled && misc_or_o(tag) && misc_or_o(gold)) ||
           (tag == 0 && j < s.outside_too.size() && s.outside_too[j]);
  };
  // Adds `delta` to the features of `tags[0..len)` along that sequence.
  auto update_sequence = [&](const std::vector<NerToken>& toks, const std::vector<int>& tags, size_t len, float delta) {
    int prev = 0, prev2 = 0;
    for (size_t j = 0; j < len; ++j) {
      NerModel::Features(toks, j, prev, prev2, feats);
      for (uint64_t f : feats) update(slot(f), tags[j], delta);
      prev2 = prev;
      prev = tags[j];
    }
  };
  std::vector<Hyp> beam, next;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    uint64_t correct = 0, seen = 0;
    for (size_t si : order) {
      const auto& toks = tokens[si];
      const auto& gold = data[si].tags;
      ++clock;
      beam.assign(1, Hyp{0, {}});
      size_t stopped = toks.size();  // where the gold sequence fell out of the beam
      for (size_t i = 0; i < toks.size() && stopped == toks.size(); ++i) {
        next.clear();
        // The word's own features score alike for every hypothesis.
        NerModel::WordFeatures(toks, i, feats);
        float word_score[kNumTags] = {0};
        for (uint64_t f : feats) {
          auto it = index.find(f);
          if (it == index.end()) continue;
          const float* wf = &w[static_cast<size_t>(it->second) * kNumTags];
          for (int c = 0; c < kNumTags; ++c) word_score[c] += wf[c];
        }
        for (size_t h = 0; h < beam.size(); ++h) {
          const Hyp& hyp = beam[h];
          int prev = i >= 1 ? hyp.tags[i - 1] : 0, prev2 = i >= 2 ? hyp.tags[i - 2] : 0;
          bool repeat = false;
          for (size_t g = 0; g < h && !repeat; ++g)
            repeat = (i >= 1 ? beam[g].tags[i - 1] : 0) == prev && (i >= 2 ? beam[g].tags[i - 2] : 0) == prev2;
          if (repeat) continue;
          NerModel::HistoryFeatures(toks, i, prev, prev2, feats);
          float score[kNumTags];
          std::copy(word_score, word_score + kNumTags, score);
          for (uint64_t f : feats) {
            auto it = index.find(f);
            if (it == index.end()) continue;
            const float* wf = &w[static_cast<size_t>(it->second) * kNumTags];
            for (int c = 0; c < kNumTags; ++c) score[c] += wf[c];
          }
          for (int c = 0; c < kNumTags; ++c) {
            if (IsInside(c) && !(prev == c || prev == c - 1)) continue;
            Hyp extended{hyp.score + score[c], hyp.tags};
            extended.tags.push_back(c);
            next.push_back(std::move(extended));
          }
        }
        size_t keep = std::min<size_t>(options.beam, next.size());
        std::partial_sort(next.begin(), next.begin() + keep, next.end(),
                          [](const Hyp& x, const Hyp& y) { return x.score > y.score; });
        next.resize(keep);
        beam.swap(next);
        bool gold_kept = false;
        for (const Hyp& hyp : beam) {
          bool same = true;
          for (size_t j = 0; j <= i && same; ++j) same = same_tag(si, j, hyp.tags[j]);
          gold_kept = gold_kept || same;
        }
        if (!gold_kept) stopped = i + 1;
      }
      const Hyp& best = beam[0];
      size_t len = std::min(stopped, best.tags.size());
      bool all_right = true;
      for (size_t j = 0; j < len; ++j) {
        bool right = same_tag(si, j, best.tags[j]);
        correct += right;
        all_right = all_right && right;
      }
      seen += len;
      if (all_right) continue;
      // The target: gold, except that an unlabeled sentence's O and MISC are
      // whatever the beam chose.
      std::vector<int> target(gold.begin(), gold.begin() + static_cast<long>(len));
      for (size_t j = 0; j < len; ++j)
        if (same_tag(si, j, best.tags[j])) target[j] = best.tags[j];
      update_sequence(toks, target, len, 1.0f);
      update_sequence(toks, best.tags, len, -1.0f);
    }
    if (log)
      *log += "epoch " + std::to_string(epoch + 1) + ": token accuracy " +
              std::to_string(static_cast<double>(correct) / static_cast<double>(seen)) + "\n";
  }
  // Average, and drop features whose weights all round to zero.
  std::vector<float> averaged(w.size());
  for (size_t k = 0; k < w.size(); ++k)
    averaged[k] = (total[k] + static_cast<float>(clock - stamp[k]) * w[k]) / static_cast<float>(clock);
  float max_abs = 0;
  for (float x : averaged) max_abs = std::max(max_abs, std::fabs(x));
  const float zero = max_abs / 32767.0f * 0.5f;
  std::vector<uint64_t> kept_keys;
  std::vector<float> kept;
  for (size_t s = 0; s < keys.size(); ++s) {
    bool any = false;
    for (int c = 0; c < kNumTags; ++c) any = any || std::fabs(averaged[s * kNumTags + c]) >= zero;
    if (!any) continue;
    kept_keys.push_back(keys[s]);
    kept.insert(kept.end(), averaged.begin() + s * kNumTags, averaged.begin() + (s + 1) * kNumTags);
  }
  if (log) *log += "features: " + std::to_string(keys.size()) + " seen, " + std::to_string(kept_keys.size()) + " kept\n";
  out = NerModel::FromWeights(std::move(kept_keys), kept);
  return Status::Ok();
}

Status TrainProjectNer(const std::string& data_dir, const TextCore& core, const Gazetteer& gazetteer,
                       const ProjectNerOptions& project, NerModels& out, std::string* log) {
  const double holdout = project.holdout;
  std::vector<TaggedSentence>* held_out = project.held_out;
  std::vector<TaggedSentence> data;
  Status s = ReadConllNer(data_dir + "/anercorp/train.txt", data);
  if (!s.ok()) return s;
  if (holdout > 0 && held_out) {
    size_t keep = static_cast<size_t>(data.size() * (1 - holdout));
    held_out->assign(std::make_move_iterator(data.begin() + keep), std::make_move_iterator(data.end()));
    data.resize(keep);
  }
  size_t aner = data.size();
  std::vector<TaggedSentence> fane;
  s = ReadNewsFane(data_dir + "/newsfane/newsfane_gold_170k.txt", fane);
  if (!s.ok()) return s;
  // NewsFANE is ANERcorp's text annotated again: a NewsFANE sentence that
  // repeats one of ANERcorp's is left out. Repeating the test split (or the
  // held-out part), it would grade the tagger on text it has learned;
  // repeating the training part, it teaches the same words twice, by two
  // conventions that disagree. ANERcorp's test split is read only for this.
  std::vector<TaggedSentence> repeated;
  s = ReadConllNer(data_dir + "/anercorp/test.txt", repeated);
  if (!s.ok()) return s;
  if (holdout > 0 && held_out) repeated.insert(repeated.end(), held_out->begin(), held_out->end());
  repeated.insert(repeated.end(), data.begin(), data.end());
  const size_t repeats = LeaveOutRepeats(repeated, fane);
  for (TaggedSentence& sentence : fane) data.push_back(std::move(sentence));
  const size_t shared = data.size();
  // The two sources are two documents, and each annotated report one:
  // memory does not cross from one to another.
  std::vector<std::pair<size_t, size_t>> documents = {{0, aner}, {aner, shared}};
  if (project.corpus) {
    const NerCorpus& corpus = *project.corpus;
    for (size_t d = 0; d < corpus.documents.size(); ++d) {
      if (!project.corpus_documents.empty() && !project.corpus_documents[d]) continue;
      const auto [begin, end] = corpus.documents[d];
      documents.emplace_back(data.size(), data.size() + (end - begin));
      data.insert(data.end(), corpus.sentences.begin() + static_cast<long>(begin),
                  corpus.sentences.begin() + static_cast<long>(end));
    }
  }
  if (log)
    *log += "sentences: " + std::to_string(aner) + " ANERcorp, " + std::to_string(shared - aner) +
            " NewsFANE (" + std::to_string(repeats) + " left out: they repeat ANERcorp's), " +
            std::to_string(data.size() - shared) + " of annotated reports\n";
  NerTrainOptions options;
  std::vector<std::vector<NerToken>> tokens(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    std::vector<std::string_view> words(data[i].words.begin(), data[i].words.end());
    BuildNerTokens(words, core, gazetteer, tokens[i]);
  }

  // Cross-fitting: each of kFolds contiguous blocks is tagged by a sentence
  // model trained without it (contiguous, because nearby sentences name the
  // same people), and the whole set by the final sentence model. Five
  // independent trainings, spread over the cores.
  constexpr size_t kFolds = 4;
  std::vector<NerModel> fold_models(kFolds);
  NerModel sentence_model, document_model;
  std::vector<std::string> logs(kFolds + 1);
  std::vector<Status> results(kFolds + 1, Status::Ok());
  auto fold_of = [&](size_t i) { return i * kFolds / data.size(); };
  auto train = [&](size_t job) {
    if (job == kFolds) {
      results[job] = TrainNer(data, tokens, {}, options, sentence_model, &logs[job]);
      return;
    }
    std::vector<size_t> subset;
    for (size_t i = 0; i < data.size(); ++i)
      if (fold_of(i) != job) subset.push_back(i);
    results[job] = TrainNer(data, tokens, subset, options, fold_models[job], nullptr);
  };
  RunJobs(kFolds + 1, train);
  for (const Status& r : results)
    if (!r.ok()) return r;
  if (log) *log += "sentence pass:\n" + logs[kFolds];
  std::vector<std::vector<int>> first_pass(data.size());
  for (size_t i = 0; i < data.size(); ++i) fold_models[fold_of(i)].Tag(tokens[i], first_pass[i]);
  for (auto [begin, end] : documents)
    RememberDocument(std::span(tokens).subspan(begin, end - begin),
                     std::span<const std::vector<int>>(first_pass).subspan(begin, end - begin));
  if (log) *log += "document pass:\n";
  s = TrainNer(data, tokens, {}, options, document_model, log);
  if (s.ok()) out = NerModels::FromModels(std::move(sentence_model), std::move(document_model));
  return s;
}

}  // namespace isnad
