package com.leaveledger.command.infra;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import java.util.OptionalLong;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.common.caching.NoCache;

/**
 * Bounded, strongly referenced aggregate caches: Caffeine (through its JCache provider) behind Axon's
 * {@link JCacheAdapter}. Axon's {@code WeakReferenceCache} loses its entries at every garbage collection, so a
 * busy service would read most aggregates from the event store anyway. Entries are stored by reference (no copy).
 */
public class AggregateCacheFactory {

    private final CommandSideProperties.AggregateCache settings;

    public AggregateCacheFactory(CommandSideProperties.AggregateCache settings) {
        this.settings = settings;
    }

    public Cache create(String name) {
        if (!settings.enabled()) {
            return NoCache.INSTANCE;
        }
        CacheManager manager = Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
        javax.cache.Cache<Object, Object> cache = manager.getCache(name);
        if (cache == null) {
            CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
            configuration.setMaximumSize(OptionalLong.of(settings.maxEntries()));
            configuration.setStoreByValue(false);
            cache = manager.createCache(name, configuration);
        } else {
            cache.clear();
        }
        return new JCacheAdapter(cache);
    }
}
