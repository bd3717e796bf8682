package com.leaveledger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.leaveledger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfSpring = noClasses()
            .that().resideInAnyPackage("..command.employee..", "..command.leaveaccount..",
                    "..command.leaverequest..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "..command.web..", "..command.infra..");

    @ArchTest
    static final ArchRule commandSideNeverDependsOnTheQuerySide = noClasses()
            .that().resideInAPackage("com.leaveledger.command..")
            .should().dependOnClassesThat().resideInAnyPackage("com.leaveledger.query..", "com.leaveledger.notification..");
}
