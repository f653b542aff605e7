#include "app/cli/CatalogCommand.h"

#include <ostream>

namespace breakeven::cli {

int runCatalog(const std::vector<std::string>&, std::ostream&, std::ostream& err) {
    err << "breakeven-cli catalog: not implemented yet\n";
    return 1;
}

}  // namespace breakeven::cli
