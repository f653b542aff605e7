#include "app/cli/CostCommand.h"

#include <ostream>

namespace breakeven::cli {

int runCost(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
    err << "breakeven-cli cost: not implemented yet\n";
    return 1;
}

}  // namespace breakeven::cli
