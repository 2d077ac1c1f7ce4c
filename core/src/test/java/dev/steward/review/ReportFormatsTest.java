package dev.steward.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cell-level rules of the report's exports; whole reports are checked in {@code ReviewReportTest}. */
class ReportFormatsTest {
    @Test
    @DisplayName("a CSV cell that a spreadsheet would run as a formula is quoted with an apostrophe; line breaks are quoted")
    void csvCells() {
        assertThat(ReportFormats.csvCell("+1")).isEqualTo("'+1");
        assertThat(ReportFormats.csvCell("-1")).isEqualTo("'-1");
        assertThat(ReportFormats.csvCell("@x")).isEqualTo("'@x");
        assertThat(ReportFormats.csvCell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(ReportFormats.csvCell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(ReportFormats.csvCell("plain")).isEqualTo("plain");
    }

    @Test
    @DisplayName("HTML text escapes the five characters that could open markup or an attribute")
    void htmlEscape() {
        assertThat(ReportFormats.escape("<a href='x'>\"&")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;");
    }
}
