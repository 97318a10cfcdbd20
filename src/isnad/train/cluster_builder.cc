#include "isnad/train/cluster_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "isnad/document/reader.h"
#include "isnad/text/normalize.h"

namespace isnad {

namespace {

struct SparseVector {
  std::vector<uint32_t> index;
  std::vector<float> value;
};

// Spherical k-means: assign by cosine, centroids renormalized. Seeds are
// spread over the frequency ranking, so the result is deterministic.
std::vector<uint32_t> KMeans(const std::vector<SparseVector>& vectors, uint32_t dims, uint32_t k, int iterations) {
  const size_t n = vectors.size();
  k = static_cast<uint32_t>(std::min<size_t>(k, n));
  std::vector<float> centroids(static_cast<size_t>(k) * dims, 0);
  for (uint32_t c = 0; c < k; ++c) {
    const SparseVector& v = vectors[c * n / k];
    for (size_t j = 0; j < v.index.size(); ++j) centroids[c * dims + v.index[j]] = v.value[j];
  }
  std::vector<uint32_t> assign(n, 0);
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < n; ++i) {
      const SparseVector& v = vectors[i];
      float best = -1e30f;
      uint32_t best_c = 0;
      for (uint32_t c = 0; c < k; ++c) {
        const float* cent = &centroids[static_cast<size_t>(c) * dims];
        float dot = 0;
        for (size_t j = 0; j < v.index.size(); ++j) dot += cent[v.index[j]] * v.value[j];
        if (dot > best) {
          best = dot;
          best_c = c;
        }
      }
      assign[i] = best_c;
    }
    std::fill(centroids.begin(), centroids.end(), 0.0f);
    for (size_t i = 0; i < n; ++i) {
      const SparseVector& v = vectors[i];
      float* cent = &centroids[static_cast<size_t>(assign[i]) * dims];
      for (size_t j = 0; j < v.index.size(); ++j) cent[v.index[j]] += v.value[j];
    }
    for (uint32_t c = 0; c < k; ++c) {
      float* cent = &centroids[static_cast<size_t>(c) * dims];
      float norm = 0;
      for (uint32_t d = 0; d < dims; ++d) norm += cent[d] * cent[d];
      norm = std::sqrt(norm);
      if (norm > 0)
        for (uint32_t d = 0; d < dims; ++d) cent[d] /= norm;
    }
  }
  return assign;
}

}  // namespace

Status BuildClusters(const std::vector<std::string>& inputs, const TextCore& core, const ClusterOptions& options,
                     Diagnostics& diagnostics, std::string& resource_text) {
  // Pass 1: the corpus as a sequence of word ids (cores), -1 at sentence
  // boundaries and non-words.
  std::unordered_map<std::string, int32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<int32_t> corpus;
  ReportReader reader(inputs, ReaderOptions{}, diagnostics);
  RawReport report;
  TextAnalysis a;
  const NormalizeOptions match = NormalizeOptions::Matching();
  std::string key;
  while (reader.Next(report)) {
    std::string text = report.title ? *report.title + "\n" + report.text : report.text;
    core.Analyze(text, a);
    for (const Sentence& s : a.sentences) {
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        if (a.tokens[t].kind != TokenKind::kWord) {
          corpus.push_back(-1);
          continue;
        }
        key.clear();
        for (uint32_t k = a.first_segment[t]; k < a.first_segment[t + 1]; ++k)
          if (a.segments[k].kind == SegmentKind::kStem)
            NormalizeAppend(std::string_view(text).substr(a.segments[k].begin, a.segments[k].end - a.segments[k].begin),
                            match, key);
        auto [it, added] = ids.emplace(key, static_cast<int32_t>(words.size()));
        if (added) {
          words.push_back(key);
          counts.push_back(0);
        }
        counts[it->second]++;
        corpus.push_back(it->second);
      }
      corpus.push_back(-1);
    }
  }
  if (words.empty()) return Status::Error("no words read for word classes");
  // Rank by frequency (ties by spelling): contexts are the top words,
  // the vocabulary those seen often enough.
  std::vector<int32_t> rank(words.size());
  for (size_t i = 0; i < rank.size(); ++i) rank[i] = static_cast<int32_t>(i);
  std::sort(rank.begin(), rank.end(), [&](int32_t x, int32_t y) {
    return counts[x] != counts[y] ? counts[x] > counts[y] : words[x] < words[y];
  });
  std::vector<int32_t> context_of(words.size(), -1), vocab_of(words.size(), -1);
  std::vector<int32_t> vocab;
  for (size_t r = 0; r < rank.size(); ++r) {
    if (r < options.context_words) context_of[rank[r]] = static_cast<int32_t>(r);
    if (counts[rank[r]] >= options.min_count) {
      vocab_of[rank[r]] = static_cast<int32_t>(vocab.size());
      vocab.push_back(rank[r]);
    }
  }
  const uint32_t dims = options.context_words * 2;
  std::vector<std::unordered_map<uint32_t, float>> raw(vocab.size());
  std::vector<double> context_total(dims, 0);
  double total = 0;
  for (size_t i = 0; i < corpus.size(); ++i) {
    int32_t w = corpus[i];
    if (w < 0 || vocab_of[w] < 0) continue;
    auto& row = raw[vocab_of[w]];
    if (i > 0 && corpus[i - 1] >= 0 && context_of[corpus[i - 1]] >= 0) {
      uint32_t d = static_cast<uint32_t>(context_of[corpus[i - 1]]);
      row[d] += 1;
      context_total[d] += 1;
      total += 1;
    }
    if (i + 1 < corpus.size() && corpus[i + 1] >= 0 && context_of[corpus[i + 1]] >= 0) {
      uint32_t d = options.context_words + static_cast<uint32_t>(context_of[corpus[i + 1]]);
      row[d] += 1;
      context_total[d] += 1;
      total += 1;
    }
  }
  // Positive PMI, then unit length.
  std::vector<SparseVector> vectors(vocab.size());
  for (size_t v = 0; v < vocab.size(); ++v) {
    double row_total = 0;
    for (const auto& [d, c] : raw[v]) row_total += c;
    std::vector<std::pair<uint32_t, float>> entries(raw[v].begin(), raw[v].end());
    std::sort(entries.begin(), entries.end());
    SparseVector& out = vectors[v];
    float norm = 0;
    for (const auto& [d, c] : entries) {
      double pmi = std::log((c * total) / (row_total * context_total[d]));
      if (pmi <= 0) continue;
      out.index.push_back(d);
      out.value.push_back(static_cast<float>(pmi));
      norm += static_cast<float>(pmi * pmi);
    }
    norm = std::sqrt(norm);
    for (float& x : out.value) x /= norm > 0 ? norm : 1;
  }
  std::vector<uint32_t> fine = KMeans(vectors, dims, options.classes, options.iterations);
  std::vector<uint32_t> coarse = KMeans(vectors, dims, options.coarse_classes, options.iterations);

  resource_text = "# isnad-resource word-classes 1\n";
  resource_text += "# Generated by `isnad build-clusters` from SaudiNewsNet (CC BY-NC-SA 4.0); do not edit.\n";
  resource_text += "# " + std::to_string(vocab.size()) + " clitic-free words seen at least " +
                   std::to_string(options.min_count) + " times; columns: word, class of " +
                   std::to_string(options.classes) + ", class of " + std::to_string(options.coarse_classes) + ".\n";
  for (size_t v = 0; v < vocab.size(); ++v)
    resource_text += words[vocab[v]] + "\t" + std::to_string(fine[v]) + "\t" + std::to_string(coarse[v]) + "\n";
  return Status::Ok();
}

Status BuildProjectClusters(const std::string& data_dir, const TextCore& core, Diagnostics& diagnostics,
                            std::string& resource_text) {
  return BuildClusters({data_dir + "/saudinewsnet/articles.jsonl.gz"}, core, ClusterOptions{}, diagnostics,
                       resource_text);
}

}  // namespace isnad
