// Fixture for check_include_graph_selftest: pricing/ may include model/.
#include "model/core/SimTime.h"
