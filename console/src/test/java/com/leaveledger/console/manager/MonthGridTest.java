package com.leaveledger.console.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonthGridTest {

    @Test
    void laysTheMonthOutInWeeksFromMondayWithWhoIsOff() {
        Map<String, Object> eli = Map.of("employeeName", "Eli", "status", "APPROVED", "portion", "FULL");
        MonthGrid grid = MonthGrid.of(YearMonth.of(2027, 3),
                List.of(Map.of("date", "2027-03-02", "off", List.of(eli)), Map.of("date", "2027-03-03", "off", List.of())),
                List.of());

        assertThat(grid.weeks()).hasSize(5);
        assertThat(grid.weeks().get(0).get(0).date()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(grid.weeks().get(0).get(1).off()).containsExactly(eli);
        assertThat(grid.weeks().get(0).get(5).weekend()).isTrue();
        assertThat(grid.weeks().get(4).get(6).inMonth()).isFalse();
        assertThat(grid.weeks().get(0).get(1).holiday()).isFalse();
    }

    @Test
    void namesThePublicHolidaysOfTheTeamsCalendarsInTheirDay() {
        Map<String, Object> subdivision = new java.util.HashMap<>(
                Map.of("date", "2027-03-26", "name", "Good Friday", "country", "DE"));
        subdivision.put("subdivision", "BE");
        Map<String, Object> national = new java.util.HashMap<>(
                Map.of("date", "2027-03-26", "name", "Good Friday", "country", "AT"));
        national.put("subdivision", null);
        MonthGrid grid = MonthGrid.of(YearMonth.of(2027, 3), List.of(), List.of(subdivision, national));

        MonthGrid.Cell friday = grid.weeks().get(3).get(4);
        assertThat(friday.date()).isEqualTo(LocalDate.of(2027, 3, 26));
        assertThat(friday.holiday()).isTrue();
        assertThat(friday.holidays()).containsExactly("Good Friday (DE-BE)", "Good Friday (AT)");
        assertThat(grid.weeks().get(3).get(3).holiday()).isFalse();
    }
}
