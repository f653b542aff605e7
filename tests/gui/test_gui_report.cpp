// The PDF report of the demo workspace (issue 11): generated once (a small
// sweep), then checked as a reader would get it: pdftotext has the
// recommendation, every crossover, every platform and alternative, every
// price's source and the $/month `breakeven-cli simulate --json` prints;
// pdfinfo has the page size (A4 and Letter) and a sane page count; every
// page rendered by pdftoppm has ink on it.
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "app/core/WorkspaceInput.h"
#include "app/gui/report/ReportData.h"
#include "app/gui/report/ReportWriter.h"

using namespace breakeven;

namespace {
QString run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

// pdftotext breaks lines (and long URLs) where the page does, joins words
// hyphenated at a line end and uses ligatures: compare without whitespace
// or hyphens and with plain letters.
QString squashed(QString text) {
    text.replace(QChar(0xFB03), QLatin1String("ffi")).replace(QChar(0xFB01), QLatin1String("fi"));
    text.replace(QChar(0xFB00), QLatin1String("ff")).replace(QChar(0xFB02), QLatin1String("fl"));
    text.replace(QChar(0xFB04), QLatin1String("ffl"));
    return text.remove(QRegularExpression(QStringLiteral("[\\s-]+")));
}
QString squashed(const std::string& text) { return squashed(QString::fromStdString(text)); }
}  // namespace

class ReportTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    report::ReportData data_;
    QString a4_, letter_, text_;
    int a4Pages_ = 0;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        report::ReportRequest request;
        request.source = BREAKEVEN_SOURCE_DIR "/resources/demo.breakeven.json";
        request.workspace = appcore::openWorkspaceOrScenario(request.source);
        request.sweepPoints = 3;
        data_ = report::gatherReport(request);
        a4_ = dir_.filePath(QStringLiteral("report-a4.pdf"));
        letter_ = dir_.filePath(QStringLiteral("report-letter.pdf"));
        a4Pages_ = report::writeReport(data_, a4_, QPageSize::A4);
        QVERIFY(report::writeReport(data_, letter_, QPageSize::Letter) >= a4Pages_);
        text_ = squashed(run(QStringLiteral("pdftotext"), {a4_, QStringLiteral("-")}));
    }

    void pageSizesAndCount() {
        const QString a4 = run(QStringLiteral("pdfinfo"), {a4_});
        QVERIFY2(a4.contains(QLatin1String("595 x 842 pts (A4)")), qPrintable(a4));
        QVERIFY(a4.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(a4Pages_))));
        QVERIFY2(a4Pages_ >= 10 && a4Pages_ <= 20, qPrintable(QString::number(a4Pages_)));
        QVERIFY(run(QStringLiteral("pdfinfo"), {letter_}).contains(QLatin1String("612 x 792 pts (letter)")));
        // Every page is numbered "Page N of M".
        for (int page = 1; page <= a4Pages_; ++page)
            QVERIFY(text_.contains(QStringLiteral("Page%1of%2").arg(page).arg(a4Pages_)));
    }

    void hasTheRecommendationAndCrossovers() {
        const auto& r = data_.recommendation;
        QVERIFY(r.winner.has_value());
        QVERIFY(text_.contains(squashed(appcore::recommendationHeadline(r))));
        for (const auto& flip : r.flips) QVERIFY2(text_.contains(squashed(flip)), flip.c_str());
        QVERIFY(!data_.sweep.result.crossovers.empty());
        for (const auto& c : data_.sweep.result.crossovers)
            QVERIFY(text_.contains(QString::number(c.crossover.at.value, 'g', 4)));
    }

    void namesEveryPlatformAlternativeAndPriceSource() {
        QVERIFY(data_.rows.size() == 7);
        for (const auto& row : data_.rows) {
            QVERIFY2(text_.contains(squashed(row.name)), row.name.c_str());
            QVERIFY2(text_.contains(squashed(row.kind)), row.kind.c_str());
        }
        QVERIFY(data_.pricesUsed.size() >= 8);
        for (const auto& price : data_.pricesUsed) {
            QVERIFY(!price.source.empty());
            QVERIFY2(text_.contains(squashed(price.source)), price.source.c_str());
            QVERIFY2(text_.contains(squashed(price.id)), price.id.c_str());
        }
        QVERIFY(text_.contains(squashed(data_.prices.snapshotId)));
        QVERIFY(text_.contains(QLatin1String("Whatwasnotpriced")));
    }

    void numbersEqualTheCli() {
        const QString json = run(QStringLiteral(BREAKEVEN_CLI_PATH),
                                 {QStringLiteral("simulate"), QStringLiteral(BREAKEVEN_SOURCE_DIR "/resources/demo.breakeven.json"),
                                  QStringLiteral("--json")});
        const QJsonArray deployments = QJsonDocument::fromJson(json.toUtf8()).object()[QLatin1String("deployments")].toArray();
        QCOMPARE(static_cast<std::size_t>(deployments.size()), data_.rows.size());
        int priced = 0;
        for (int i = 0; i < deployments.size(); ++i) {
            const QJsonObject cost = deployments[i].toObject()[QLatin1String("costUsd")].toObject();
            const double month = cost[QLatin1String("perMonth")].toDouble();
            QCOMPARE(*data_.rows[static_cast<std::size_t>(i)].usdPerMonth, month);
            QVERIFY2(text_.contains(QStringLiteral("$%1").arg(month, 0, 'f', 2)), qPrintable(QString::number(month)));
            if (month > 0.0) ++priced;
        }
        QCOMPARE(priced, 6);
    }

    void everyPageHasInk() {
        const QString prefix = dir_.filePath(QStringLiteral("page"));
        run(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("30"), a4_, prefix});
        const QStringList pages = QDir(dir_.path()).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(pages.size(), a4Pages_);
        for (const QString& name : pages) {
            const QImage image(dir_.filePath(name));
            QVERIFY(!image.isNull());
            int ink = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) ink += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
            // More than the footer alone (a rule and one line of small text).
            QVERIFY2(ink > image.width() * 3, qPrintable(name + QStringLiteral(": ") + QString::number(ink)));
        }
    }
};

QTEST_MAIN(ReportTest)
#include "test_gui_report.moc"
