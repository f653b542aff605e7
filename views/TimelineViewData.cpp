#include "views/TimelineViewData.h"

#include <algorithm>
#include <numeric>

namespace breakeven::views {

std::size_t TimelineSeries::minutes() const {
    return std::max({arrivalsPerMinute.size(), aliveInstances.size(), busyInstances.size(), queueLength.size()});
}

TimelineViewData timelineViewData(const ScenarioResult& result) {
    TimelineViewData data;
    data.scenario = result.scenarioName;
    data.windowSeconds = result.windowSeconds;
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const DeploymentResult& d = result.deployments[i];
        data.deployments.push_back({d.name, i, d.timeline.arrivals, d.timeline.alive, d.timeline.busy,
                                    d.timeline.queueLength});
    }
    return data;
}

double totalArrivals(const TimelineSeries& series) {
    return std::accumulate(series.arrivalsPerMinute.begin(), series.arrivalsPerMinute.end(), 0.0);
}

double peak(const std::vector<double>& values) {
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

}  // namespace breakeven::views
