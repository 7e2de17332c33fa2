#include "snnsense/experiments/reports/paper_claims.hpp"

namespace snnsense {

nlohmann::json ClaimCheck::to_json() const {
  return {{"id", id}, {"claim", claim}, {"paper", paper}, {"measured", measured}, {"agree", agree}, {"note", note}};
}

nlohmann::json claims_to_json(const std::vector<ClaimCheck>& claims) {
  nlohmann::json list = nlohmann::json::array();
  for (const ClaimCheck& c : claims) list.push_back(c.to_json());
  return {{"claims", list}};
}

std::vector<ClaimCheck> claims_from_json(const nlohmann::json& json) {
  std::vector<ClaimCheck> claims;
  for (const nlohmann::json& c : json.at("claims"))
    claims.push_back({c.at("id"), c.at("claim"), c.at("paper"), c.at("measured"), c.at("agree"), c.at("note")});
  return claims;
}

}  // namespace snnsense
