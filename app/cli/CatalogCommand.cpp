// breakeven-cli catalog: list, show, edit, export/import and reset the local
// price catalogue (docs/catalogue.md). A thin layer over pricing::Catalogue:
// every rule (validation, history, robustness) lives in the library so the
// GUI gets the same behaviour.
#include "app/cli/CatalogCommand.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/core/CatalogueAccess.h"
#include "pricing/CatalogueDb.h"
#include "pricing/SeedFacts.h"

namespace breakeven::cli {

using appcore::embeddedSeed;
using appcore::kSeedName;
using appcore::openCatalogue;

namespace {

using pricing::Catalogue;
using pricing::CatalogueError;
using pricing::CatalogueErrorKind;

constexpr const char* kCatalogUsage =
    "usage: breakeven-cli catalog [--catalog PATH] COMMAND\n"
    "  list [--platform ID] [--as-of DATE]   prices in force (default: today)\n"
    "  show ID [--as-of DATE]                a platform, price, instance type or GPU\n"
    "  set PRICE_ID USD --source TEXT [--effective-from DATE]   add a dated price row\n"
    "  history PRICE_ID                      every row of a price or instance type\n"
    "  export FILE.json|-                    everything, history included\n"
    "  import FILE.json                      add the file's rows (validated first)\n"
    "  reset [--move-aside]                  recreate from the embedded seed\n"
    "The catalogue is --catalog PATH, else $BREAKEVEN_CATALOG, else\n"
    "$XDG_DATA_HOME/breakeven/catalog.sqlite (~/.local/share/...).\n";

// A plain-text table: columns padded to their widest cell (cells are ASCII).
class Table {
public:
    explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    [[nodiscard]] bool empty() const { return rows_.size() == 1; }
    void print(std::ostream& out) const {
        std::vector<std::size_t> width(rows_.front().size(), 0);
        for (const auto& row : rows_)
            for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
        for (const auto& row : rows_) {
            std::string line;
            for (std::size_t c = 0; c < row.size(); ++c)
                line += c + 1 == row.size() ? row[c] : fmt::format("{:<{}}  ", row[c], width[c]);
            out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
        }
    }

private:
    std::vector<std::vector<std::string>> rows_;
};

std::string num(double v) { return fmt::format("{}", v); }
std::string optNum(const std::optional<double>& v) { return v ? num(*v) : "-"; }
std::string yesNo(bool v) { return v ? "yes" : "no"; }
std::string platformOf(const std::string& instanceId) { return instanceId.substr(0, instanceId.find('.')); }

// Options each subcommand accepts besides --catalog.
void requireOnly(const Args& args, const std::string& command, std::initializer_list<const char*> allowed) {
    for (const char* name : {"platform", "source", "effective-from", "as-of"})
        if (args.value(name) && std::find(allowed.begin(), allowed.end(), std::string_view(name)) == allowed.end())
            throw UsageError("catalog " + command + " does not take --" + name);
    if (args.flag("move-aside") && command != "reset") throw UsageError("only catalog reset takes --move-aside");
}

void requirePositional(const Args& args, std::size_t count, const std::string& shape) {
    if (args.positional().size() != count + 1) throw UsageError("usage: breakeven-cli catalog " + shape);
}

double parseUsd(const std::string& text) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end)
        throw UsageError("'" + text + "' is not a number of US dollars");
    return v;
}

[[noreturn]] void unknownId(const Catalogue& cat, const std::string& id) {
    throw CatalogueError(CatalogueErrorKind::InvalidInput,
                         cat.path() + ": unknown id '" + id +
                             "' (see `breakeven-cli catalog list` for platform, price and instance ids)");
}

int list(const Catalogue& cat, const Args& args, std::ostream& out) {
    const pricing::PriceSet prices = cat.load(args.value("as-of"));
    const auto platform = args.value("platform");
    const bool instancePlatform = platform && std::any_of(prices.instances.begin(), prices.instances.end(),
        [&](const auto& entry) { return platformOf(entry.first) == *platform; });
    if (platform && !prices.platforms.count(*platform) && !instancePlatform)
        unknownId(cat, *platform);
    out << "Catalogue " << cat.path() << ": prices in force on " << prices.asOf << " (snapshot "
        << prices.snapshotId << ")\n\n";
    Table items({"PRICE ID", "USD", "PER", "TIERS", "EFFECTIVE", "VERIFIED", "ROW"});
    for (const auto& [id, p] : prices.items)
        if (!platform || p.platform == *platform)
            items.add({id, num(p.usdPerUnit), p.unit, p.tiers.empty() ? "-" : std::to_string(p.tiers.size()),
                       p.effectiveFrom, yesNo(p.verified), std::to_string(p.rowId)});
    if (!items.empty()) items.print(out);
    Table instances({"INSTANCE", "VCPU", "MEMORY GB", "GPU", "USD/HOUR", "RESERVED 1Y", "EFFECTIVE",
                     "VERIFIED", "ROW"});
    for (const auto& [id, t] : prices.instances)
        if (!platform || platformOf(id) == *platform)
            instances.add({id, num(t.vcpu), num(t.memoryGb),
                           t.gpu ? fmt::format("{} x {}", t.gpuCount, *t.gpu) : "-", num(t.usdPerHourOnDemand),
                           optNum(t.usdPerHourReserved1y), t.effectiveFrom, yesNo(t.verified),
                           std::to_string(t.rowId)});
    if (!instances.empty()) {
        if (!items.empty()) out << '\n';
        instances.print(out);
    }
    return 0;
}

void showPlatform(const pricing::PriceSet& prices, const pricing::Platform& p, std::ostream& out) {
    const pricing::FreeTier& f = p.freeTier;
    out << p.id << ": " << p.name << " (" << p.region << ")\n"
        << "  billing scope:     " << p.billing.scope << "\n"
        << "  granularity:       " << num(p.billing.granularitySeconds * 1000.0) << " ms\n"
        << "  minimum billed:    " << num(p.billing.minimumSeconds) << " s\n"
        << "  free tier / month: " << num(f.requestsPerMonth) << " requests, " << num(f.gbSecondsPerMonth)
        << " GB-s, " << num(f.vcpuSecondsPerMonth) << " vCPU-s, " << num(f.gibSecondsPerMonth)
        << " GiB-s (provisioned: " << yesNo(f.appliesToProvisioned) << ")\n";
    if (!p.billing.notes.empty()) out << "  notes:             " << p.billing.notes << "\n";
    out << "  price items:       "
        << std::count_if(prices.items.begin(), prices.items.end(),
                         [&](const auto& entry) { return entry.second.platform == p.id; })
        << " (catalog list --platform " << p.id << ")\n";
}

void showItem(const pricing::PriceItem& p, std::ostream& out) {
    out << p.id << ": " << num(p.usdPerUnit) << " USD per " << p.unit << "\n"
        << "  platform, item:    " << p.platform << ", " << p.item << "\n"
        << "  effective from:    " << p.effectiveFrom << " (row " << p.rowId << ")\n"
        << "  verified:          " << yesNo(p.verified) << "\n"
        << "  source:            " << p.source << "\n";
    for (std::size_t i = 0; i < p.tiers.size(); ++i)
        out << "  tier " << i + 1 << ":            " << num(p.tiers[i].usdPerUnit) << " USD per " << p.unit
            << (p.tiers[i].upTo ? " up to " + num(*p.tiers[i].upTo) + " per month" : " beyond") << "\n";
}

int show(const Catalogue& cat, const Args& args, std::ostream& out) {
    requirePositional(args, 1, "show ID [--as-of DATE]");
    const std::string& id = args.positional()[1];
    const pricing::PriceSet prices = cat.load(args.value("as-of"));
    if (const auto it = prices.platforms.find(id); it != prices.platforms.end()) {
        showPlatform(prices, it->second, out);
    } else if (const auto* item = prices.findItem(id)) {
        showItem(*item, out);
    } else if (const auto* t = prices.findInstance(id)) {
        out << id << ": " << num(t->usdPerHourOnDemand) << " USD per hour on demand, reserved 1y "
            << optNum(t->usdPerHourReserved1y) << "\n  " << num(t->vcpu) << " vCPU, " << num(t->memoryGb)
            << " GB" << (t->gpu ? fmt::format(", {} x {}", t->gpuCount, *t->gpu) : std::string()) << "\n"
            << "  effective from:    " << t->effectiveFrom << " (row " << t->rowId << ")\n"
            << "  verified:          " << yesNo(t->verified) << "\n  source:            " << t->source << "\n";
    } else if (const auto g = prices.gpus.find(id); g != prices.gpus.end()) {
        const pricing::GpuType& gpu = g->second;
        out << id << ": " << num(gpu.memoryGb) << " GB, " << num(gpu.memoryBandwidthGBs) << " GB/s, "
            << num(gpu.fp16DenseTflops) << " dense FP16/BF16 TFLOPS, " << num(gpu.int8DenseTops)
            << " INT8 TOPS, " << num(gpu.tdpWatts) << " W\n  source: " << gpu.source << "\n";
    } else {
        unknownId(cat, id);
    }
    return 0;
}

int history(const Catalogue& cat, const Args& args, std::ostream& out) {
    requirePositional(args, 1, "history PRICE_ID");
    const std::string& id = args.positional()[1];
    const pricing::PriceSet today = cat.load();
    if (const auto rows = cat.history(id); !rows.empty()) {
        const pricing::PriceItem* inForce = today.findItem(id);
        out << id << " (USD per " << rows.front().unit << "); * = in force on " << today.asOf << "\n";
        Table t({"", "ROW", "EFFECTIVE", "USD", "VERIFIED", "SOURCE"});
        for (const auto& r : rows)
            t.add({inForce && inForce->rowId == r.rowId ? "*" : "", std::to_string(r.rowId), r.effectiveFrom,
                   num(r.usdPerUnit), yesNo(r.verified), r.source});
        t.print(out);
    } else if (const auto inst = cat.instanceHistory(id); !inst.empty()) {
        const pricing::InstanceType* inForce = today.findInstance(id);
        out << id << " (USD per hour); * = in force on " << today.asOf << "\n";
        Table t({"", "ROW", "EFFECTIVE", "ON DEMAND", "RESERVED 1Y", "VERIFIED", "SOURCE"});
        for (const auto& r : inst)
            t.add({inForce && inForce->rowId == r.rowId ? "*" : "", std::to_string(r.rowId), r.effectiveFrom,
                   num(r.usdPerHourOnDemand), optNum(r.usdPerHourReserved1y), yesNo(r.verified), r.source});
        t.print(out);
    } else {
        unknownId(cat, id);
    }
    return 0;
}

int set(Catalogue& cat, const Args& args, std::ostream& out) {
    requirePositional(args, 2, "set PRICE_ID USD --source TEXT [--effective-from DATE]");
    const std::string& id = args.positional()[1];
    const double usd = parseUsd(args.positional()[2]);
    const auto source = args.value("source");
    if (!source) throw UsageError("catalog set needs --source TEXT (a URL or a note saying where the price comes from)");
    const auto today = cat.load();  // the default date never precedes the seed
    const std::string from = args.value("effective-from").value_or(today.asOf);
    const std::int64_t rowId = cat.setPrice(id, usd, *source, from);
    out << id << ": added row " << rowId << ": " << num(usd) << " USD per "
        << (today.findItem(id) ? today.findItem(id)->unit : std::string("hour")) << ", effective from " << from
        << " (source: " << *source << ")\n";
    if (const auto rows = cat.history(id); !rows.empty() && !rows.back().tiers.empty())
        out << "  tiers scaled by the same factor; see catalog show " << id << "\n";
    return 0;
}

int exportTo(const Catalogue& cat, const Args& args, std::ostream& out, std::ostream& err) {
    requirePositional(args, 1, "export FILE.json|-");
    const std::string& file = args.positional()[1];
    const std::string text = cat.exportJson().dump(2) + "\n";
    if (file == "-") {
        out << text;
        return 0;
    }
    // Write a sibling and rename it over the target, so a failed export
    // never leaves a half-written file where a good one was.
    const std::string partial = file + ".partial";
    {
        std::ofstream f(partial, std::ios::binary | std::ios::trunc);
        f << text;
        if (!f.flush()) throw std::runtime_error(file + ": cannot write");
    }
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) throw std::runtime_error(file + ": cannot write: " + ec.message());
    err << "breakeven-cli catalog: exported " << cat.path() << " to " << file << "\n";
    return 0;
}

int importFrom(Catalogue& cat, const Args& args, std::ostream& out) {
    requirePositional(args, 1, "import FILE.json");
    const std::string& file = args.positional()[1];
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CatalogueError(CatalogueErrorKind::InvalidInput, file + ": cannot read the file");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw CatalogueError(CatalogueErrorKind::InvalidInput,
                             fmt::format("{}: not valid JSON (at byte {})", file, e.byte));
    }
    const pricing::ImportSummary s = cat.importJson(doc, file);
    out << "imported " << file << ": " << s.priceRowsAdded << " price rows added, " << s.rowsAlreadyPresent
        << " already present; " << s.itemsAdded << " price items, " << s.instancesAdded
        << " instance types, " << s.gpusAdded << " GPUs and " << s.platformsAdded << " platforms added, "
        << s.platformsUpdated << " platforms updated\n";
    return 0;
}

int reset(const std::string& path, const Args& args, std::ostream& out) {
    requirePositional(args, 0, "reset [--move-aside]");
    const bool existed = std::filesystem::exists(path);
    const pricing::SeedData seed = embeddedSeed();
    std::string movedTo;
    const Catalogue cat = Catalogue::reset(path, seed, args.flag("move-aside"), &movedTo);
    if (!movedTo.empty()) out << "moved the old catalogue to " << movedTo << "\n";
    else if (existed) out << "deleted the old catalogue\n";
    out << "created " << cat.path() << " from the " << kSeedName << " (prices collected "
        << seed.collectedOn << ")\n";
    return 0;
}

int dispatch(const Args& args, const std::string& path, std::ostream& out, std::ostream& err) {
    const std::string command = args.positional().front();
    if (command == "reset") {
        requireOnly(args, command, {});
        return reset(path, args, out);
    }
    if (command == "list") requireOnly(args, command, {"platform", "as-of"});
    else if (command == "show") requireOnly(args, command, {"as-of"});
    else if (command == "set") requireOnly(args, command, {"source", "effective-from"});
    else if (command == "history" || command == "export" || command == "import") requireOnly(args, command, {});
    else throw UsageError("unknown catalog command '" + command + "'\n" + kCatalogUsage);
    Catalogue cat = openCatalogue(path, err, "catalog");  // seeds on first use, says so
    if (command == "list") {
        requirePositional(args, 0, "list [--platform ID] [--as-of DATE]");
        return list(cat, args, out);
    }
    if (command == "show") return show(cat, args, out);
    if (command == "set") return set(cat, args, out);
    if (command == "history") return history(cat, args, out);
    if (command == "export") return exportTo(cat, args, out, err);
    return importFrom(cat, args, out);
}

}  // namespace

int runCatalog(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"move-aside", "help"}, {"catalog", "platform", "source", "effective-from", "as-of"});
    if (args.flag("help")) {
        out << kCatalogUsage;
        return 0;
    }
    if (args.positional().empty()) throw UsageError(std::string("missing command\n") + kCatalogUsage);
    try {
        const std::string path = args.value("catalog").value_or(pricing::defaultCataloguePath());
        return dispatch(args, path, out, err);
    } catch (const CatalogueError& e) {
        // Bad input (an id, a number, an import file) is the user's to fix: 2.
        // A corrupt, newer or locked catalogue is a failure: 1, with the hint.
        err << "breakeven-cli catalog: " << e.what() << '\n';
        return e.kind() == CatalogueErrorKind::InvalidInput ? 2 : 1;
    }
}

}  // namespace breakeven::cli
