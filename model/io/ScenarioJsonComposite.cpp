#include "model/io/ScenarioJsonComposite.h"

#include <array>

#include <fmt/format.h>

#include "model/sim/EventQueue.h"

namespace breakeven::scenario_json {

namespace {
constexpr std::array<std::string_view, 5> kHybridKeys{"kind", "name", "baseline", "burst",
                                                      "thresholdUtilization"};
constexpr std::array<std::string_view, 3> kSplitKeys{"kind", "name", "routes"};
constexpr std::array<std::string_view, 3> kRouteKeys{"weight", "minInputTokens", "deployment"};

std::string kindOf(const json& deployment) {
    if (!deployment.is_object()) return {};
    const auto kind = deployment.find("kind");
    return kind != deployment.end() && kind->is_string() ? kind->get<std::string>() : std::string();
}

DeploymentSpec member(const ObjectReader& r, std::string_view key, const json& value, std::string path,
                      const MemberReader& readMember) {
    if (isComposite(value)) r.fail(key, "a member cannot itself be a hybrid or a split");
    return readMember(value, std::move(path), r.source());
}

void readSplitRoutes(const ObjectReader& r, DeploymentSpec& d, const MemberReader& readMember) {
    const json& list = r.require("routes");
    if (!list.is_array() || list.size() < 2) r.fail("routes", "must be an array of at least 2 routes");
    bool byTokens = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = elementPath(r.pathOf("routes"), i);
        const ObjectReader route(list[i], path, r.source());
        route.checkKeys(kRouteKeys);
        const bool tokens = route.find("minInputTokens") != nullptr;
        if (i == 0) byTokens = tokens;
        if (tokens != byTokens || (tokens == (route.find("weight") != nullptr)))
            route.fail(tokens ? "minInputTokens" : "weight",
                       "every route needs either weight or minInputTokens, the same for all routes");
        SplitRoute s;
        if (byTokens) {
            s.minInputTokens = static_cast<std::uint32_t>(
                readInteger(route.require("minInputTokens"), route.pathOf("minInputTokens"), r.source(), 0,
                            static_cast<std::int64_t>(kMaxTokens)));
            if (i == 0 && *s.minInputTokens != 0) route.fail("minInputTokens", "must be 0 on the first route");
            if (i > 0 && *s.minInputTokens <= *d.routes.back().minInputTokens)
                route.fail("minInputTokens", "must increase from route to route");
        } else {
            s.weight = route.number("weight", kPositive);
        }
        d.routes.push_back(s);
        d.members.push_back(member(route, "deployment", route.require("deployment"),
                                   memberPath(path, "deployment"), readMember));
    }
}

void checkMemberNames(const ObjectReader& r, const DeploymentSpec& d) {
    if (d.members.size() > Event::kMaxPools) r.fail("routes", fmt::format("at most {} routes", Event::kMaxPools));
    for (std::size_t i = 0; i < d.members.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (d.members[i].name == d.members[j].name)
                r.fail(d.composite == Composite::Hybrid ? "burst" : "routes",
                       fmt::format("member name \"{}\" is used twice", d.members[i].name));
}
}  // namespace

bool isComposite(const json& deployment) {
    const std::string kind = kindOf(deployment);
    return kind == "hybrid" || kind == "split";
}

DeploymentSpec readComposite(const json& value, std::string path, std::string_view source,
                             const MemberReader& readMember) {
    const ObjectReader r(value, std::move(path), source);
    DeploymentSpec d;
    d.composite = kindOf(value) == "hybrid" ? Composite::Hybrid : Composite::Split;
    d.platform = "composite";
    if (d.composite == Composite::Hybrid) {
        r.checkKeys(kHybridKeys);
        d.name = r.string("name");
        d.members.push_back(member(r, "baseline", r.require("baseline"), r.pathOf("baseline"), readMember));
        d.members.push_back(member(r, "burst", r.require("burst"), r.pathOf("burst"), readMember));
        d.thresholdUtilization = r.number("thresholdUtilization", Range{0.0, true, 1.0}, 0.8);
    } else {
        r.checkKeys(kSplitKeys);
        d.name = r.string("name");
        readSplitRoutes(r, d, readMember);
    }
    checkMemberNames(r, d);
    return d;
}

json compositeToJson(const DeploymentSpec& d, const MemberWriter& writeMember) {
    json j = json::object();
    j["kind"] = toString(d.composite);
    j["name"] = d.name;
    if (d.composite == Composite::Hybrid) {
        j["baseline"] = writeMember(d.members[0]);
        j["burst"] = writeMember(d.members[1]);
        j["thresholdUtilization"] = d.thresholdUtilization;
        return j;
    }
    json routes = json::array();
    for (std::size_t i = 0; i < d.members.size(); ++i) {
        json route = json::object();
        if (d.routes[i].minInputTokens) {
            route["minInputTokens"] = *d.routes[i].minInputTokens;
        } else {
            route["weight"] = d.routes[i].weight;
        }
        route["deployment"] = writeMember(d.members[i]);
        routes.push_back(std::move(route));
    }
    j["routes"] = std::move(routes);
    return j;
}

}  // namespace breakeven::scenario_json
