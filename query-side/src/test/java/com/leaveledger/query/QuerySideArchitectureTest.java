package com.leaveledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.config.ProcessingGroup;

@AnalyzeClasses(packages = "com.leaveledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule querySideNeverDependsOnTheCommandSideOrTheNotificationSaga = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.leaveledger.command..",
                    "com.leaveledger.notification..");

    @ArchTest
    static final ArchRule projectionsAreNamedForTheirReadModelAndDeclareTheirProcessingGroup = classes()
            .that().haveSimpleNameEndingWith("Projection")
            .should().beAnnotatedWith(ProcessingGroup.class)
            .andShould().bePublic();

    @ArchTest
    static final ArchRule onlyProjectionsDeclareAProcessingGroup = classes()
            .that().areAnnotatedWith(ProcessingGroup.class)
            .should().haveSimpleNameEndingWith("Projection");

    /** Replays re-run projections over the whole history: a projection may only write its own tables. */
    @ArchTest
    static final ArchRule projectionsHaveNoSideEffectsBeyondTheirTables = noClasses()
            .that().haveSimpleNameEndingWith("Projection")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework.commandhandling..", "org.axonframework.queryhandling..",
                    "org.apache.kafka..", "org.springframework.web..", "org.springframework.http..",
                    "java.net..", "com.leaveledger.query.web..", "com.leaveledger.query.admin..",
                    "com.leaveledger.query.replay..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.eventhandling.EventBus");

    @ArchTest
    static final ArchRule readModelsDoNotDependOnOperations = noClasses()
            .that().resideInAnyPackage("..query.employee..", "..query.request..", "..query.balance..",
                    "..query.calendar..", "..query.audit..", "..query.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("..query.replay..", "..query.admin..");

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("com.leaveledger.query.(*)..").should().beFreeOfCycles();
}
