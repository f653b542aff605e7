#pragma once
// Fixture for check_include_graph_selftest: model/ must not include Qt.
#include <string>
#include <QString>
