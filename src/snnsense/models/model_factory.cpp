#include "snnsense/models/model_factory.hpp"

#include <algorithm>
#include <utility>

#include "snnsense/core/enum_names.hpp"
#include "snnsense/core/error.hpp"

namespace snnsense {

namespace {

ModelPtr make_snn(Index n1, Index n2, SnnOptions options, bool activation, std::optional<SpectralBasis> basis) {
  options.use_activation = activation;
  if (snn_is_factored(n1, n2, options)) return std::make_shared<FactoredSnn>(n1, n2, options, std::move(basis));
  return std::make_shared<Snn>(n1, n2, options, std::move(basis));
}

using Maker = ModelPtr (*)(Index n1, Index n2, const ModelSettings& settings, std::optional<SpectralBasis> basis);

// The one list of names, in the order model_names() and the error message give them.
const std::vector<std::pair<std::string, Maker>>& makers() {
  static const std::vector<std::pair<std::string, Maker>> table = {
      {"snn",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis> basis) -> ModelPtr {
         return make_snn(n1, n2, s.snn, true, std::move(basis));
       }},
      {"woa",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis> basis) -> ModelPtr {
         return make_snn(n1, n2, s.snn, false, std::move(basis));
       }},
      {"lg",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis>) -> ModelPtr {
         return std::make_shared<Lg>(n1, n2, s.lg);
       }},
      {"bm",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis>) -> ModelPtr {
         BmOptions options = s.bm;
         options.psd = false;
         return std::make_shared<BurerMonteiro>(n1, n2, options);
       }},
      {"bm-psd",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis>) -> ModelPtr {
         BmOptions options = s.bm;
         options.psd = true;
         return std::make_shared<BurerMonteiro>(n1, n2, options);
       }},
      {"df",
       [](Index n1, Index n2, const ModelSettings& s, std::optional<SpectralBasis>) -> ModelPtr {
         return std::make_shared<DeepFactorization>(n1, n2, s.df);
       }},
  };
  return table;
}

}  // namespace

bool snn_is_factored(Index n1, Index n2, const SnnOptions& options) {
  const Index rank = options.rank > 0 ? options.rank : std::min(n1, n2);
  const Index d1 = options.layers.empty() ? 0 : options.layers.front();
  return computes_factored(options.representation, d1 * rank, n1, n2);
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const auto& [name, make] : makers()) names.push_back(name);
  return names;
}

ModelPtr make_model(const std::string& name, Index n1, Index n2, const ModelSettings& settings,
                    std::optional<SpectralBasis> basis) {
  for (const auto& [known, make] : makers())
    if (known == name) return make(n1, n2, settings, std::move(basis));
  throw InputError("unknown model '" + name + "' (expected " + one_of(model_names()) + ")");
}

}  // namespace snnsense
