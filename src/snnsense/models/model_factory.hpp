#pragma once
// Builds any model from its name, so the CLI, the Python module and the experiments share one
// list of parametrisations and one error message for a misspelt name.
#include <optional>
#include <string>
#include <vector>

#include "snnsense/linalg/spectral_basis.hpp"
#include "snnsense/models/burer_monteiro.hpp"
#include "snnsense/models/deep_factorization.hpp"
#include "snnsense/models/factor_init.hpp"
#include "snnsense/models/factored_snn.hpp"
#include "snnsense/models/lg.hpp"
#include "snnsense/models/model.hpp"
#include "snnsense/models/snn.hpp"

namespace snnsense {

// Options of every model; make_model reads the ones its name selects.
struct ModelSettings {
  SnnOptions snn;
  LgOptions lg;
  BmOptions bm;
  DfOptions df;
};

// snn, woa, lg, bm, bm-psd, df.
std::vector<std::string> model_names();

// Whether make_model computes an SNN with these options in factored form: always for
// representation factored, never for dense, and for auto when d1 r < min(n1, n2) (r = rank, or
// min(n1, n2) for rank 0), where the cores are smaller than the dense matrices.
bool snn_is_factored(Index n1, Index n2, const SnnOptions& options);

// The name decides what the settings cannot: "woa" is the SNN with use_activation = false and
// "bm-psd" the Burer-Monteiro model with psd = true, whatever those fields hold. `basis` is
// only used by the SNN's spectral initialisation. Throws InputError for an unknown name or
// invalid options.
ModelPtr make_model(const std::string& name, Index n1, Index n2, const ModelSettings& settings,
                    std::optional<SpectralBasis> basis = std::nullopt);

}  // namespace snnsense
