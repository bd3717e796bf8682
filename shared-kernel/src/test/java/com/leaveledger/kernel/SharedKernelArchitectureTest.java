package com.leaveledger.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.leaveledger.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedKernelArchitectureTest {

    @ArchTest
    static final ArchRule sharedKernelDependsOnNothingButTheJdkAxonSerializationAndJackson = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.leaveledger.kernel..",
                    "org.axonframework.serialization..", "org.axonframework.modelling.command",
                    "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule messagesAreRecords = classes()
            .that().haveSimpleNameEndingWith("Event").or().haveSimpleNameEndingWith("Command")
            .and().areNotInterfaces()
            .should().beRecords();
}
