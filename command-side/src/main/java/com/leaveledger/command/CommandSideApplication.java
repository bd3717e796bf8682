package com.leaveledger.command;

import com.leaveledger.support.boot.LedgerApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        LedgerApplication.run(CommandSideApplication.class, args);
    }
}
