#pragma once
// What the timeline view draws, as plain data (Qt-free): per deployment,
// the simulation's per-minute series (arrivals counted per minute; alive,
// busy and queue length as minute means). Needs a run with
// SimulationOptions::timeline.
#include <cstddef>
#include <string>
#include <vector>

#include "model/sim/Result.h"

namespace breakeven::views {

struct TimelineSeries {
    std::string deployment;
    std::size_t index = 0;  // in the scenario's deployments
    std::vector<double> arrivalsPerMinute;
    std::vector<double> aliveInstances;
    std::vector<double> busyInstances;
    std::vector<double> queueLength;
    [[nodiscard]] std::size_t minutes() const;
};

struct TimelineViewData {
    std::string scenario;
    double windowSeconds = 0.0;
    std::vector<TimelineSeries> deployments;  // every top-level deployment
};

TimelineViewData timelineViewData(const ScenarioResult& result);
// Sum of the per-minute arrivals (equals the deployment's arrivals).
double totalArrivals(const TimelineSeries& series);
// The highest value of a series (0 when empty).
double peak(const std::vector<double>& values);

}  // namespace breakeven::views
